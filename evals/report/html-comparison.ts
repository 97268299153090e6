import { type Comparison, comparedMetrics } from "../../src/services/evals/engine/compare.js";
import { escapeHtml } from "./html-escape.js";
import { direction, formatDelta, formatMetric, formatScoreDelta, metricInfo } from "./metric-format.js";

/** The "compared with the baseline" section: metric deltas, per-label deltas, changed decisions. */
export function renderComparison(c: Comparison, maxChanged: number): string {
  const b = c.baseline;
  const notes = [
    `Baseline: prompt version <code>${escapeHtml(b.promptVersion ?? "none")}</code>, model ` +
      `<code>${escapeHtml(b.model ?? "none")}</code>, generated ${escapeHtml(b.generatedAt)}.`,
    c.sameDataset ? "" : `<strong class="worse">The two reports ran on different datasets.</strong>`,
    c.unmatched.onlyCurrent + c.unmatched.onlyBaseline > 0
      ? `Unmatched case ids: ${c.unmatched.onlyCurrent} only in this run, ${c.unmatched.onlyBaseline} only in the baseline.`
      : "",
  ].filter((s) => s !== "");
  const metricRows = comparedMetrics.map((m) => {
    const d = c.metrics[m];
    return (
      `<tr><td>${escapeHtml(metricInfo[m].label)}</td><td ` +
      `class="num">${escapeHtml(formatMetric(m, d.before))}</td><td ` +
      `class="num">${escapeHtml(formatMetric(m, d.after))}</td><td class="num ` +
      `${direction(m, d)}">${escapeHtml(formatDelta(m, d))}</td></tr>`
    );
  });
  const labelRows = Object.entries(c.perLabel).map(([label, d]) => {
    const td = (x: typeof d.f1) => `<td class="num ${scoreClass(x.delta)}">${escapeHtml(formatScoreDelta(x))}</td>`;
    return `<tr><td>${escapeHtml(label)}</td>${td(d.precision)}${td(d.recall)}${td(d.f1)}</tr>`;
  });
  return `<section>
<h2>Compared with the baseline</h2>
<p>${notes.join(" ")}</p>
<table><thead><tr><th>metric</th><th>before</th><th>after</th><th>change</th></tr></thead>
<tbody>${metricRows.join("\n")}</tbody></table>
<h3>Per-label changes</h3>
<table><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th></tr></thead>
<tbody>${labelRows.join("\n")}</tbody></table>
${changedCasesTable(c, maxChanged)}
</section>`;
}

function scoreClass(delta: number | null): string {
  if (delta === null || Math.abs(delta) < 1e-12) return "same";
  return delta > 0 ? "better" : "worse";
}

function changedCasesTable(c: Comparison, max: number): string {
  const count = (k: string) => c.changedCases.filter((x) => x.change === k).length;
  const title = `<h3>Changed decisions: ${c.changedCases.length} (${count("fixed")} fixed, ${count("broken")} broken, ${count("changed")} still wrong)</h3>`;
  if (c.changedCases.length === 0) return `${title}<p>None.</p>`;
  const kindClass = { fixed: "better", broken: "worse", changed: "same" } as const;
  const rows = c.changedCases
    .slice(0, max)
    .map(
      (x) =>
        `<tr><td><code>${escapeHtml(x.id)}</code></td><td>${escapeHtml(x.expected)}</td><td>${escapeHtml(x.before)}</td>` +
        `<td>${escapeHtml(x.after)}</td><td class="${kindClass[x.change]}">${x.change}</td><td class="text">${escapeHtml(x.text)}</td></tr>`,
    );
  const more = c.changedCases.length > max ? `<p>Showing ${max} of ${c.changedCases.length}.</p>` : "";
  return `${title}
<table><thead><tr><th>id</th><th>expected</th><th>before</th><th>after</th><th>change</th><th>text</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>${more}`;
}
