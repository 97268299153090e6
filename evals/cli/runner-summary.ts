import { type Comparison, comparedMetrics } from "../../src/services/evals/engine/compare.js";
import { fixed3, formatDelta, formatMetric, headline, integer, metricInfo, runFacts } from "../report/metric-format.js";
import type { Report } from "../../src/services/evals/engine/report-types.js";

/** Left-aligned text columns, two spaces apart; numbers are right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? "").length)));
  const numeric = header.map((_, col) => rows.length > 0 && rows.every((row) => /^[-+−±$\d.,% ]*(pp|ms)?$/.test(row[col] ?? "")));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (numeric[col] && col > 0 ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** What the runner prints on stdout: the run, the headline numbers, per label, and the deltas. */
export function formatSummary(report: Report, comparison?: Comparison, options: { maxChangedCases?: number } = {}): string {
  const parts = [
    runFacts(report)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n"),
    textTable(["metric", "value"], headline(report)),
    textTable(
      ["label", "precision", "recall", "F1", "support"],
      Object.entries(report.perLabel).map(([label, m]) => [label, fixed3(m.precision), fixed3(m.recall), fixed3(m.f1), integer(m.support)]),
    ),
  ];
  if (comparison) parts.push(formatDeltas(comparison, options.maxChangedCases ?? 10));
  return `${parts.join("\n\n")}\n`;
}

function formatDeltas(comparison: Comparison, maxChanged: number): string {
  const { baseline, changedCases, unmatched } = comparison;
  const rows = comparedMetrics.map((m) => {
    const d = comparison.metrics[m];
    return [metricInfo[m].label, formatMetric(m, d.before), formatMetric(m, d.after), formatDelta(m, d)];
  });
  const count = (kind: string) => changedCases.filter((c) => c.change === kind).length;
  const lines = [
    `compared with the baseline of ${baseline.generatedAt} (prompt version ${baseline.promptVersion ?? "none"}, model ${baseline.model ?? "none"})`,
    comparison.sameDataset ? "same dataset" : "WARNING: the baseline ran on a different dataset (SHA-256 differs)",
    textTable(["metric", "baseline", "now", "delta"], rows),
    `changed decisions: ${String(changedCases.length)} (fixed ${String(count("fixed"))}, ` +
      `broken ${String(count("broken"))}, changed ${String(count("changed"))})`,
  ];
  if (unmatched.onlyCurrent + unmatched.onlyBaseline > 0) {
    lines.push(`not compared: ${String(unmatched.onlyCurrent)} cases only in this run, ${String(unmatched.onlyBaseline)} only in the baseline`);
  }
  const shown = changedCases.slice(0, maxChanged).map((c) => `  ${c.change.padEnd(7)} ${c.id}: ${c.before} → ${c.after} (expected ${c.expected})`);
  if (changedCases.length > maxChanged) shown.push(`  … and ${String(changedCases.length - maxChanged)} more in the report`);
  return [...lines, ...shown].join("\n");
}
