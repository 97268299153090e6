import type { CaseOutcome, OutcomeSource, PredictedRoute, ReportMeta } from "./report-types.js";

// Compact builders for hand-computed scoring examples.

/** `expected`/`predicted` are labels: "bot", "clarify" or a division id. */
export function outcome(
  id: string,
  expected: string,
  predicted: string,
  extra: { source?: OutcomeSource; confidence?: number; latencyMs?: number; llmTokens?: boolean; fromCache?: boolean; text?: string } = {},
): CaseOutcome {
  const route: PredictedRoute = predicted === "bot" || predicted === "clarify" ? predicted : "handover";
  return {
    id,
    text: extra.text ?? `text of ${id}`,
    expected: expected === "bot" ? { route: "bot" } : { route: "handover", division: expected },
    predicted: {
      route,
      divisionId: route === "handover" ? predicted : null,
      source: extra.source ?? "llm",
      confidence: extra.confidence ?? 0.8,
      reason: `reason for ${id}`,
    },
    latencyMs: extra.latencyMs ?? 0,
    tokens: extra.llmTokens === false ? null : { prompt: 1000, cached: 400, completion: 50 },
    fromCache: extra.fromCache ?? false,
  };
}

export const meta: ReportMeta = {
  promptVersion: "pv_test",
  datasetSha256: "a".repeat(64),
  model: "gpt-4o-mini",
  provider: "openai",
  generatedAt: "2026-01-05T10:00:00.000Z",
};

/**
 * Ten cases over bot, cards, fraud and complaints with six right answers; the expected
 * figures in the tests are worked out by hand from this table.
 */
export function tenOutcomes(): CaseOutcome[] {
  const offline = { llmTokens: false } as const;
  return [
    outcome("c01", "bot", "bot", { latencyMs: 100, fromCache: true }),
    outcome("c02", "bot", "bot", { latencyMs: 200, fromCache: true }),
    outcome("c03", "bot", "cards", { latencyMs: 300, confidence: 0.9 }),
    outcome("c04", "cards", "cards", { latencyMs: 400 }),
    outcome("c05", "cards", "fraud", { latencyMs: 500, confidence: 0.7 }),
    outcome("c06", "fraud", "fraud", { latencyMs: 600 }),
    outcome("c07", "fraud", "clarify", { latencyMs: 700, confidence: 0.3, source: "policy", ...offline }),
    outcome("c08", "complaints", "complaints", { latencyMs: 800, source: "fallback", ...offline }),
    outcome("c09", "complaints", "bot", { latencyMs: 900, confidence: 0.7, source: "fallback", ...offline }),
    outcome("c10", "cards", "cards", { latencyMs: 1000, source: "flow", ...offline }),
  ];
}
