import { describe, expect, it } from "vitest";
import { meta, outcome, tenOutcomes } from "./outcome-fixtures.test-helpers.js";
import { scoreOutcomes } from "./score.js";

describe("scoreOutcomes on ten hand-checked cases", () => {
  const report = scoreOutcomes(tenOutcomes(), meta);

  it("counts accuracy with clarify as wrong", () => {
    expect(report.n).toBe(10);
    expect(report.accuracy).toBeCloseTo(0.6, 12);
    expect(report.clarifyRate).toBeCloseTo(0.1, 12);
    expect(report.fallbackRate).toBeCloseTo(0.2, 12);
    expect(report.sourceCounts).toEqual({ llm: 6, policy: 1, fallback: 2, flow: 1 });
  });

  it("measures calibration over the judged decisions (LLM and fallback), bin by bin", () => {
    // c03 0.9 wrong; c05, c09 0.7 wrong; c01, c02, c04, c06, c08 0.8 right; policy and flow left out.
    expect(report.calibration?.decisions).toBe(8);
    expect(report.calibration?.ece).toBeCloseTo((0.7 * 2 + 0.2 * 5 + 0.9 * 1) / 8, 10);
    expect(report.calibration?.bins[8]).toMatchObject({ count: 5, accuracy: 1 });
    // A clarifying question is scored by the division it was weighing.
    const weighing = outcome("w", "fraud", "clarify", { confidence: 0.55, source: "fallback" });
    const clarified = scoreOutcomes([{ ...weighing, predicted: { ...weighing.predicted, divisionId: "fraud" } }], meta);
    expect(clarified.accuracy).toBe(0);
    expect(clarified.calibration?.bins[5]).toMatchObject({ count: 1, accuracy: 1 });
    // One that names no division was weighing the bot: right when the bot was expected.
    const botGuess = scoreOutcomes(
      [outcome("b", "bot", "clarify", { confidence: 0.45, source: "fallback" }), outcome("d", "cards", "clarify", { confidence: 0.45, source: "fallback" })],
      meta,
    );
    expect(botGuess.calibration?.bins[4]).toMatchObject({ count: 2, accuracy: 0.5 });
  });

  it("lists the cases that broke a safety rule", () => {
    const outcomes = tenOutcomes().map((o) =>
      o.id === "c03"
        ? { ...o, safety: { outsideActiveSet: true, leaksPrompt: false } }
        : o.id === "c09"
          ? { ...o, safety: { outsideActiveSet: false, leaksPrompt: true } }
          : o,
    );
    expect(scoreOutcomes(outcomes, meta).safety).toEqual({ outsideActiveSet: ["c03"], promptLeaks: ["c09"] });
    expect(report.safety).toEqual({ outsideActiveSet: [], promptLeaks: [] });
  });

  it("computes one-vs-rest precision, recall, F1 and support per label, without clarify", () => {
    expect(Object.keys(report.perLabel)).toEqual(["bot", "cards", "complaints", "fraud"]);
    const { bot, cards, complaints, fraud } = report.perLabel;
    expect(bot?.precision).toBeCloseTo(2 / 3, 12);
    expect(bot?.recall).toBeCloseTo(2 / 3, 12);
    expect(bot?.f1).toBeCloseTo(2 / 3, 12);
    expect(bot?.support).toBe(3);
    expect(cards).toMatchObject({ support: 3 });
    expect(cards?.precision).toBeCloseTo(2 / 3, 12);
    expect(cards?.recall).toBeCloseTo(2 / 3, 12);
    expect(fraud?.precision).toBeCloseTo(0.5, 12);
    expect(fraud?.recall).toBeCloseTo(0.5, 12);
    expect(fraud?.f1).toBeCloseTo(0.5, 12);
    expect(complaints?.precision).toBe(1);
    expect(complaints?.recall).toBe(0.5);
    expect(complaints?.f1).toBeCloseTo(2 / 3, 12);
  });

  it("builds the confusion matrix with rows expected, columns predicted and a clarify column", () => {
    expect(report.confusion.labels).toEqual(["bot", "cards", "complaints", "fraud", "clarify"]);
    expect(report.confusion.matrix).toEqual([
      [2, 1, 0, 0, 0],
      [0, 2, 0, 1, 0],
      [1, 0, 1, 0, 0],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 0, 0],
    ]);
  });

  it("scores handover as needs-a-human vs handed over, whatever the division", () => {
    // needs a human: c04..c10 (7); handed over: c03 c04 c05 c06 c08 c10 (6); both: 5.
    expect(report.handover.precision).toBeCloseTo(5 / 6, 12);
    expect(report.handover.recall).toBeCloseTo(5 / 7, 12);
  });

  it("takes nearest-rank latency percentiles", () => {
    expect(report.latencyMs).toEqual({ p50: 500, p95: 1000 });
  });

  it("sums tokens, prices them and counts cached responses", () => {
    expect(report.tokens).toEqual({ prompt: 6000, cached: 2400, completion: 300 });
    // (3600 × 0.15 + 2400 × 0.075 + 300 × 0.60) / 1M
    expect(report.estimatedCostUsd).toBeCloseTo(0.0009, 12);
    expect(report.cachedResponses).toBe(2);
  });

  it("lists misrouted cases, most confident first, ties by id", () => {
    expect(report.misrouted.map((m) => m.id)).toEqual(["c03", "c05", "c09", "c07"]);
    expect(report.misrouted[0]).toEqual({
      id: "c03",
      text: "text of c03",
      expected: "bot",
      predicted: "cards",
      reason: "reason for c03",
      confidence: 0.9,
      source: "llm",
    });
  });

  it("keeps every case's labels in input order for diffing, and the run facts", () => {
    expect(report.cases.map((c) => `${c.id}:${c.predicted}:${String(c.correct)}`).slice(5, 8)).toEqual([
      "c06:fraud:true",
      "c07:clarify:false",
      "c08:complaints:true",
    ]);
    expect(report).toMatchObject({
      promptVersion: "pv_test",
      datasetSha256: "a".repeat(64),
      model: "gpt-4o-mini",
      provider: "openai",
      generatedAt: "2026-01-05T10:00:00.000Z",
    });
  });

  it("survives a JSON round trip unchanged (no NaN, no undefined)", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("scoreOutcomes edge cases", () => {
  it("gives 0 for every empty denominator", () => {
    const report = scoreOutcomes([], meta);
    expect(report).toMatchObject({
      n: 0,
      accuracy: 0,
      handover: { precision: 0, recall: 0 },
      latencyMs: { p50: 0, p95: 0 },
      clarifyRate: 0,
      estimatedCostUsd: 0,
      perLabel: {},
      confusion: { labels: [], matrix: [] },
    });
  });

  it("gives handover precision 0 when nothing was handed over, and precision 0 for a never-predicted label", () => {
    const report = scoreOutcomes([outcome("a", "cards", "bot"), outcome("b", "bot", "bot")], meta);
    expect(report.handover).toEqual({ precision: 0, recall: 0 });
    expect(report.perLabel.cards).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.perLabel.bot).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
  });

  it("labels a handover without a division 'handover' and never counts it right", () => {
    const o = outcome("a", "cards", "cards");
    const report = scoreOutcomes([{ ...o, predicted: { ...o.predicted, divisionId: null } }], meta);
    expect(report.cases[0]).toMatchObject({ predicted: "handover", correct: false });
    expect(report.handover).toEqual({ precision: 1, recall: 1 });
  });

  it("reports cost null for tokens on a model missing from the price table", () => {
    expect(scoreOutcomes([outcome("a", "bot", "bot")], { ...meta, model: "my-local-llama" }).estimatedCostUsd).toBeNull();
  });
});
