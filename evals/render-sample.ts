// Renders evals/fixtures/sample-report.{html,md} from a fixed, made-up run over the Bank ABC
// dataset, so the report layout can be looked at without an LLM. Run: npx tsx evals/render-sample.ts
import { readFileSync, writeFileSync } from "node:fs";
import { compareReports } from "../src/services/evals/engine/compare.js";
import { type EvalCase, lastCustomerText, parseDataset } from "../src/services/evals/engine/dataset.js";
import type { CaseOutcome } from "../src/services/evals/engine/report-types.js";
import { renderHtml } from "./report/render-html.js";
import { renderMarkdown } from "./report/render-markdown.js";
import { scoreOutcomes } from "../src/services/evals/engine/score.js";

const datasetFile = new URL("datasets/bank-abc-id-dev.jsonl", import.meta.url);
const { cases, sha256 } = parseDataset(readFileSync(datasetFile));

// Plausible confusions: where a router that gets it wrong tends to send each label.
const neighbour: Record<string, string> = {
  bot: "complaints",
  complaints: "bot",
  cards: "fraud",
  fraud: "cards",
  accounts: "cards",
  loans: "accounts",
};

/** A deterministic fake router: every `wrongEvery`-th case is misrouted, every 23rd clarified. */
function fakeOutcome(c: EvalCase, i: number, wrongEvery: number): CaseOutcome {
  const expected = c.expected.route === "bot" ? "bot" : (c.expected.division ?? "complaints");
  const label = i % 23 === 5 ? "clarify" : i % wrongEvery === 3 ? (neighbour[expected] ?? "bot") : expected;
  const route = label === "bot" || label === "clarify" ? label : "handover";
  const source = i % 11 === 0 ? "fallback" : "llm";
  return {
    id: c.id,
    text: lastCustomerText(c),
    expected: c.expected,
    predicted: {
      route,
      divisionId: route === "handover" ? label : null,
      source,
      confidence: 0.35 + ((i * 37) % 60) / 100,
      reason: label === expected ? "matches the division prompt" : `read as ${label}: "${lastCustomerText(c).slice(0, 30)}"`,
    },
    latencyMs: 380 + ((i * 53) % 900),
    tokens: source === "llm" ? { prompt: 1450 + (i % 40), cached: 1024, completion: 38 } : null,
    fromCache: i % 4 === 0,
  };
}

const meta = { datasetSha256: sha256, model: "gpt-4o-mini-2024-07-18", provider: "openai" };
const baseline = scoreOutcomes(
  cases.map((c, i) => fakeOutcome(c, i, 6)),
  {
    ...meta,
    promptVersion: "pv_2f1c9a0b",
    generatedAt: "2026-01-06T09:00:00.000Z",
  },
);
// One made-up customer text that must come out escaped.
const withHostile = cases.map((c, i) => fakeOutcome(c, i, 9));
withHostile[3] = { ...withHostile[3], text: `<script>alert("hi")</script> tolong "VIP" & 'ignore'` } as CaseOutcome;
const current = scoreOutcomes(withHostile, {
  ...meta,
  promptVersion: "pv_7d4e11c2",
  generatedAt: "2026-01-07T09:00:00.000Z",
});

const comparison = compareReports(current, baseline);
writeFileSync(new URL("fixtures/sample-report.html", import.meta.url), renderHtml(current, comparison, { title: "Bank ABC routing eval (sample)" }));
writeFileSync(new URL("fixtures/sample-report.md", import.meta.url), renderMarkdown(current, comparison, { maxMisrouted: 10, maxChangedCases: 10 }));
console.log(`accuracy ${current.accuracy.toFixed(3)} (baseline ${baseline.accuracy.toFixed(3)}), ${comparison.changedCases.length} changed cases`);
