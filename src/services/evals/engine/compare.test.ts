import { describe, expect, it } from "vitest";
import { compareReports } from "./compare.js";
import { meta, outcome, tenOutcomes } from "./outcome-fixtures.test-helpers.js";
import { scoreOutcomes } from "./score.js";

const baseline = scoreOutcomes(tenOutcomes(), meta);

// c03 fixed (cards → bot), c04 broken (cards → fraud), c07 still wrong (clarify → complaints); c10 dropped.
const changed = tenOutcomes()
  .slice(0, 9)
  .map((o) => {
    if (o.id === "c03") return outcome("c03", "bot", "bot", { latencyMs: 300 });
    if (o.id === "c04") return outcome("c04", "cards", "fraud", { latencyMs: 400 });
    if (o.id === "c07") return outcome("c07", "fraud", "complaints", { latencyMs: 700 });
    return o;
  });
const current = scoreOutcomes(changed, { ...meta, promptVersion: "pv_draft" });

describe("compareReports", () => {
  const c = compareReports(current, baseline);

  it("reports before, after and after − before for each metric", () => {
    expect(c.metrics.accuracy.before).toBeCloseTo(0.6, 12);
    expect(c.metrics.accuracy.after).toBeCloseTo(5 / 9, 12);
    expect(c.metrics.accuracy.delta).toBeCloseTo(5 / 9 - 0.6, 12);
    expect(c.metrics.clarifyRate.delta).toBeCloseTo(-0.1, 12);
    // nearest-rank over 100..900: p50 = 500, p95 = 900
    expect(c.metrics.latencyP95Ms).toEqual({ before: 1000, after: 900, delta: -100 });
    // c07 is now an LLM decision with tokens: 7 such cases instead of 6
    expect(c.metrics.promptTokens).toEqual({ before: 6000, after: 7000, delta: 1000 });
  });

  it("gives per-label deltas", () => {
    // bot before: P = 2/3, R = 2/3; after: predicted bot c01 c02 c03 c09, right c01 c02 c03: P = 3/4, R = 1.
    expect(c.perLabel.bot?.precision.delta).toBeCloseTo(3 / 4 - 2 / 3, 12);
    expect(c.perLabel.bot?.recall.delta).toBeCloseTo(1 / 3, 12);
    // cards after: nothing predicted cards → P = 0; support c04 c05 = 2 (c10 dropped).
    expect(c.perLabel.cards?.precision).toMatchObject({ after: 0 });
    expect(c.perLabel.cards?.support).toEqual({ before: 3, after: 2, delta: -1 });
  });

  it("lists the cases whose decision changed, matched by id, and counts unmatched ids", () => {
    expect(c.changedCases).toEqual([
      { id: "c03", text: "text of c03", expected: "bot", before: "cards", after: "bot", change: "fixed" },
      { id: "c04", text: "text of c04", expected: "cards", before: "cards", after: "fraud", change: "broken" },
      { id: "c07", text: "text of c07", expected: "fraud", before: "clarify", after: "complaints", change: "changed" },
    ]);
    expect(c.unmatched).toEqual({ onlyCurrent: 0, onlyBaseline: 1 });
    expect(c.sameDataset).toBe(true);
    expect(c.baseline.promptVersion).toBe("pv_test");
  });

  it("gives a null delta when a cost is unknown, and nothing changed against itself", () => {
    const unpriced = scoreOutcomes(tenOutcomes(), { ...meta, model: "mystery", datasetSha256: "b".repeat(64) });
    const d = compareReports(unpriced, baseline);
    expect(d.metrics.estimatedCostUsd).toEqual({ before: baseline.estimatedCostUsd, after: null, delta: null });
    expect(d.sameDataset).toBe(false);
    expect(compareReports(baseline, baseline).changedCases).toEqual([]);
  });
});
