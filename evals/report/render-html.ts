import type { Comparison } from "../../src/services/evals/engine/compare.js";
import { renderComparison } from "./html-comparison.js";
import { escapeHtml } from "./html-escape.js";
import { renderHeatmap } from "./html-heatmap.js";
import { fixed3, headline, integer, runFacts } from "./metric-format.js";
import type { Report } from "../../src/services/evals/engine/report-types.js";
import { reliabilityHtml } from "./render-reliability.js";

export type HtmlOptions = { title?: string; maxMisrouted?: number; maxChangedCases?: number };

/**
 * One self-contained page (inline CSS, no scripts, no external URLs) that opens from disk.
 * Every piece of text is escaped: customer messages are untrusted input.
 */
export function renderHtml(report: Report, comparison?: Comparison, options: HtmlOptions = {}): string {
  const title = options.title ?? "Routing eval report";
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<dl class="facts">${runFacts(report)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(v)}</code></dd>`)
      .join("")}</dl>`,
    `<section class="cards">${headline(report)
      .map(([k, v]) => `<div class="card"><div class="k">${escapeHtml(k)}</div><div class="v">${escapeHtml(v)}</div></div>`)
      .join("\n")}</section>`,
    comparison ? renderComparison(comparison, options.maxChangedCases ?? 100) : "",
    `<section><h2>Confusion matrix</h2><p class="hint">Rows are the expected label, columns ` +
      `the prediction; colour is the share of the row (green: right, red: ` +
      `wrong).</p>${renderHeatmap(report.confusion)}</section>`,
    `<section><h2>Per label</h2>${perLabelTable(report)}</section>`,
    report.calibration ? `<section><h2>Calibration (reliability diagram)</h2>${reliabilityHtml(report.calibration)}</section>` : "",
    `<section>${misroutedTable(report, options.maxMisrouted ?? 100)}</section>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body.filter((s) => s !== "").join("\n")}
</body>
</html>
`;
}

function perLabelTable(report: Report): string {
  const rows = Object.entries(report.perLabel).map(
    ([label, m]) =>
      `<tr><td>${escapeHtml(label)}</td><td class="num">${fixed3(m.precision)}</td><td ` +
      `class="num">${fixed3(m.recall)}</td><td class="num">${fixed3(m.f1)}<span class="bar" ` +
      `style="width:${Math.round(m.f1 * 60)}px"></span></td><td ` +
      `class="num">${integer(m.support)}</td></tr>`,
  );
  return `<table><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
}

function misroutedTable(report: Report, max: number): string {
  const total = report.misrouted.length;
  const title = `<h2>Misrouted cases (${total}${total > max ? `, showing ${max}` : ""}, most confident first)</h2>`;
  if (total === 0) return `${title}<p>None.</p>`;
  const rows = report.misrouted
    .slice(0, max)
    .map(
      (m) =>
        `<tr><td><code>${escapeHtml(m.id)}</code></td><td>${escapeHtml(m.expected)}</td><td ` +
        `class="worse">${escapeHtml(m.predicted)}</td><td ` +
        `class="num">${m.confidence.toFixed(2)}</td><td>${escapeHtml(m.source)}</td><td ` +
        `class="text">${escapeHtml(m.text)}</td><td class="text ` +
        `reason">${escapeHtml(m.reason)}</td></tr>`,
    );
  return `${title}
<table><thead><tr><th>id</th><th>expected</th><th>predicted</th><th>confidence</th><th>source</th><th>text</th><th>reason</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`;
}

const css = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;margin:24px auto;max-width:1200px;padding:0 16px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 6px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px;word-break:break-all}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 16px}.facts dt{color:#6b7280}.facts dd{margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:8px 10px}.card .k{color:#6b7280;font-size:12px}.card .v{font-size:17px;font-weight:600}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f9fafb}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.text{max-width:420px;overflow-wrap:anywhere}.reason{color:#4b5563}.hint{color:#6b7280;margin:0 0 6px}
.bar{display:inline-block;height:8px;background:#60a5fa;margin-left:6px;border-radius:2px;vertical-align:middle}
.heatmap td.cell{width:64px;height:40px;text-align:center;font-weight:600;font-variant-numeric:tabular-nums;border:1px solid #fff}
.heatmap th{font-weight:600;white-space:nowrap}.heatmap .corner{color:#6b7280;font-weight:400;font-size:12px}
.heatmap .total{color:#6b7280;text-align:right;background:#f9fafb}
.better{color:#15803d}.worse{color:#b91c1c}.same{color:#6b7280}
`;
