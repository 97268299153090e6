import { type Comparison, comparedMetrics } from "../../src/services/evals/engine/compare.js";
import { fixed3, formatDelta, formatMetric, formatScoreDelta, headline, integer, metricInfo, runFacts } from "./metric-format.js";
import { neverExpected } from "./confusion-rows.js";
import type { Report } from "../../src/services/evals/engine/report-types.js";
import { reliabilityMarkdown } from "./render-reliability.js";

export type MarkdownOptions = { maxMisrouted?: number; maxChangedCases?: number; maxTextChars?: number };

/** A Markdown summary of a report, with the comparison when one is given. */
export function renderMarkdown(report: Report, comparison?: Comparison, options: MarkdownOptions = {}): string {
  const textChars = options.maxTextChars ?? 140;
  const sections = [
    "# Routing eval report",
    bullets(runFacts(report)),
    table(["metric", "value"], headline(report)),
    "## Per label",
    perLabelTable(report),
    "## Confusion matrix (rows: expected, columns: predicted)",
    confusionTable(report),
    ...(report.calibration ? ["## Calibration (reliability diagram)", reliabilityMarkdown(report.calibration)] : []),
    misroutedSection(report, options.maxMisrouted ?? 20, textChars),
  ];
  if (comparison) sections.push(comparisonSection(comparison, options.maxChangedCases ?? 50, textChars));
  return `${sections.join("\n\n")}\n`;
}

/** Table-safe text: one line, no pipe breaking the row, no raw HTML for viewers that render it. */
export function cell(text: string, maxChars = Infinity): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const short = oneLine.length > maxChars ? `${oneLine.slice(0, maxChars - 1)}…` : oneLine;
  return short.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function bullets(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `- ${k}: \`${v.replace(/`/g, "'")}\``).join("\n");
}

function perLabelTable(report: Report): string {
  const rows = Object.entries(report.perLabel).map(([label, m]) => [cell(label), fixed3(m.precision), fixed3(m.recall), fixed3(m.f1), integer(m.support)]);
  return table(["label", "precision", "recall", "F1", "support"], rows);
}

function confusionTable(report: Report): string {
  const { labels, matrix } = report.confusion;
  const rows = labels.flatMap((label, i) => {
    const counts = matrix[i] ?? [];
    if (neverExpected(label, counts)) return [];
    return [[`**${cell(label)}**`, ...counts.map((c, j) => (i === j ? `**${c}**` : String(c)))]];
  });
  return table(["expected \\ predicted", ...labels.map((l) => cell(l))], rows);
}

function misroutedSection(report: Report, max: number, textChars: number): string {
  const total = report.misrouted.length;
  if (total === 0) return "## Misrouted cases\n\nNone.";
  const rows = report.misrouted
    .slice(0, max)
    .map((m) => [cell(m.id), cell(m.expected), cell(m.predicted), m.confidence.toFixed(2), m.source, cell(m.text, textChars), cell(m.reason, textChars)]);
  const shown = total > max ? ` (${max} of ${total}, most confident first)` : ` (${total}, most confident first)`;
  return `## Misrouted cases${shown}\n\n${table(["id", "expected", "predicted", "confidence", "source", "text", "reason"], rows)}`;
}

function comparisonSection(c: Comparison, maxChanged: number, textChars: number): string {
  const b = c.baseline;
  const intro = [
    `Baseline: prompt version \`${b.promptVersion ?? "none"}\`, model \`${b.model ?? "none"}\`, generated ${b.generatedAt}.`,
    c.sameDataset ? "" : "**Warning: the two reports ran on different datasets.**",
    c.unmatched.onlyCurrent + c.unmatched.onlyBaseline > 0
      ? `Unmatched case ids: ${c.unmatched.onlyCurrent} only in this run, ${c.unmatched.onlyBaseline} only in the baseline.`
      : "",
  ]
    .filter((s) => s !== "")
    .join(" ");
  const metricRows = comparedMetrics.map((m) => {
    const d = c.metrics[m];
    return [metricInfo[m].label, formatMetric(m, d.before), formatMetric(m, d.after), formatDelta(m, d)];
  });
  const labelRows = Object.entries(c.perLabel).map(([label, d]) => [
    cell(label),
    formatScoreDelta(d.precision),
    formatScoreDelta(d.recall),
    formatScoreDelta(d.f1),
  ]);
  const kinds = (k: string) => c.changedCases.filter((x) => x.change === k).length;
  const changedRows = c.changedCases
    .slice(0, maxChanged)
    .map((x) => [cell(x.id), cell(x.expected), cell(x.before), cell(x.after), x.change, cell(x.text, textChars)]);
  const changedTitle = `### Changed decisions: ${c.changedCases.length} (${kinds("fixed")} fixed, ${kinds("broken")} broken, ${kinds("changed")} still wrong)`;
  return [
    "## Compared with the baseline",
    intro,
    table(["metric", "before", "after", "change"], metricRows),
    "### Per-label changes",
    table(["label", "precision", "recall", "F1"], labelRows),
    changedTitle,
    changedRows.length > 0 ? table(["id", "expected", "before", "after", "change", "text"], changedRows) : "None.",
  ].join("\n\n");
}
