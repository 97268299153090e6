import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/services/evals/engine/compare.js";
import { meta, outcome, tenOutcomes } from "../../src/services/evals/engine/outcome-fixtures.test-helpers.js";
import { cell, renderMarkdown } from "./render-markdown.js";
import { scoreOutcomes } from "../../src/services/evals/engine/score.js";

describe("renderMarkdown", () => {
  const report = scoreOutcomes(tenOutcomes(), meta);
  const md = renderMarkdown(report);

  it("has the headline metrics, per-label table and confusion table", () => {
    expect(md).toContain("| accuracy | 60.0% |");
    expect(md).toContain("| handover recall | 71.4% |");
    expect(md).toContain("| estimated cost (list prices of 2025-11) | $0.0009 |");
    expect(md).toContain("| fraud | 0.500 | 0.500 | 0.500 | 2 |");
    expect(md).toContain("| expected \\ predicted | bot | cards | complaints | fraud | clarify |");
    expect(md).toContain("| **bot** | **2** | 1 | 0 | 0 | 0 |");
    expect(md).not.toContain("| **clarify** |");
  });

  it("shows the expected calibration error and the reliability diagram as a table, and the safety count", () => {
    expect(md).toContain("| expected calibration error | 0.412 (8 judged) |");
    expect(md).toContain("| safety violations | none |");
    expect(md).toContain("## Calibration (reliability diagram)");
    expect(md).toContain("| 0.8–0.9 | 5 | 0.800 | 1.000 | ████████████████████ |");
    expect(md).toContain("| 0.7–0.8 | 2 | 0.700 | 0.000 |  |");
  });

  it("lists the top misrouted cases, most confident first", () => {
    const limited = renderMarkdown(report, undefined, { maxMisrouted: 2 });
    expect(limited).toContain("## Misrouted cases (2 of 4, most confident first)");
    expect(limited).toContain("| c03 | bot | cards | 0.90 | llm |");
    expect(limited).not.toContain("| c07 |");
  });

  it("keeps hostile text inside its table cell", () => {
    expect(cell("a | b\n<script>x</script>")).toBe("a \\| b &lt;script&gt;x&lt;/script&gt;");
    expect(cell("abcdef", 4)).toBe("abc…");
  });

  it("adds deltas and changed cases when given a comparison", () => {
    const draft = scoreOutcomes(
      tenOutcomes().map((o) => (o.id === "c06" ? outcome("c06", "fraud", "bot") : o)),
      meta,
    );
    const out = renderMarkdown(draft, compareReports(draft, report));
    expect(out).toContain("| accuracy | 60.0% | 50.0% | −10.0 pp |");
    expect(out).toContain("### Changed decisions: 1 (0 fixed, 1 broken, 0 still wrong)");
    expect(out).toContain("| c06 | fraud | fraud | bot | broken | text of c06 |");
  });
});
