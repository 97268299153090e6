// Hand-written SVG charts: a few dozen lines each, no library, each with its data as a table too.
import { html } from "./html.js";
import { fmtNumber, t } from "./i18n.js";

export const palette = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b"];

function DataTable({ caption, columns, rows }) {
  return html`
    <details class="chart-data">
      <summary>${t("Show the data")}</summary>
      <table>
        <caption class="sr-only">
          ${caption}
        </caption>
        <thead>
          <tr>
            ${columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                ${r.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  `;
}

/** Horizontal bars: one per label, value written at its end. */
export function BarChart({ title, data, format = fmtNumber, color = palette[0] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 32;
  const labelWidth = 210;
  const height = Math.max(row, data.length * row);
  return html`
    <figure class="chart">
      <figcaption>${title}</figcaption>
      ${
        data.length === 0
          ? html`<p class="hint">${t("Nothing in this period.")}</p>`
          : html` <svg
              class="bar-chart"
              viewBox=${`0 0 600 ${height}`}
              role="img"
              aria-label=${`${title}: ${data.map((d) => `${d.label} ${format(d.value)}`).join(", ")}`}
            >
              ${data.map((d, i) => {
                const width = ((600 - labelWidth - 70) * d.value) / max;
                return html` <g transform=${`translate(0 ${i * row})`}>
                  <text x=${labelWidth - 8} y="21" text-anchor="end" class="chart-label">${d.label.length > 24 ? `${d.label.slice(0, 23)}…` : d.label}</text>
                  <rect x=${labelWidth} y="6" width=${Math.max(width, d.value > 0 ? 2 : 0)} height="20" rx="3" fill=${d.color ?? color} />
                  <text x=${labelWidth + width + 6} y="21" class="chart-value">${format(d.value)}</text>
                </g>`;
              })}
            </svg>`
      }
      <${DataTable} caption=${title} columns=${["", t("Value")]} rows=${data.map((d) => [d.label, format(d.value)])} />
    </figure>
  `;
}

const shortDate = (date) => date.slice(5);

/** One column per day, stacked by series; a legend names the colours. */
export function StackedColumns({ title, days, series }) {
  const totals = days.map((d) => series.reduce((n, s) => n + d[s.key], 0));
  const max = Math.max(1, ...totals);
  const w = 600;
  const h = 200;
  const band = w / Math.max(1, days.length);
  const step = Math.ceil(days.length / 10);
  return html`
    <figure class="chart">
      <figcaption>${title}</figcaption>
      <${Legend} series=${series} />
      <svg viewBox=${`0 0 ${w} ${h + 20}`} role="img" aria-label=${`${title}: ${days.map((d, i) => `${d.date} ${totals[i]}`).join(", ")}`}>
        <line x1="0" y1=${h} x2=${w} y2=${h} class="axis" />
        ${days.map((d, i) => {
          let y = h;
          return html`<g>
            ${series.map((s) => {
              const height = (h - 10) * (d[s.key] / max);
              y -= height;
              return html`<rect x=${i * band + band * 0.15} y=${y} width=${band * 0.7} height=${height} fill=${s.color}
                ><title>${`${d.date} ${s.label}: ${d[s.key]}`}</title></rect
              >`;
            })}
            ${i % step === 0 && html`<text x=${i * band + band / 2} y=${h + 15} text-anchor="middle" class="chart-label">${shortDate(d.date)}</text>`}
          </g>`;
        })}
      </svg>
      <${DataTable}
        caption=${title}
        columns=${[t("Day"), ...series.map((s) => s.label)]}
        rows=${days.map((d) => [d.date, ...series.map((s) => fmtNumber(d[s.key]))])}
      />
    </figure>
  `;
}

/** Lines over days; days without a value leave a gap. */
export function LineChart({ title, days, series, unit }) {
  const values = days.flatMap((d) => series.map((s) => d[s.key]).filter((v) => v !== null));
  const max = Math.max(1, ...values);
  const w = 600;
  const h = 180;
  const x = (i) => (days.length <= 1 ? w / 2 : (i * (w - 40)) / (days.length - 1) + 20);
  const y = (v) => h - (v / max) * (h - 20);
  return html`
    <figure class="chart">
      <figcaption>${title}</figcaption>
      <${Legend} series=${series} />
      ${
        values.length === 0
          ? html`<p class="hint">${t("Nothing in this period.")}</p>`
          : html` <svg
              viewBox=${`0 0 ${w} ${h + 20}`}
              role="img"
              aria-label=${`${title}: ${series.map((s) => `${s.label} ${days.map((d) => d[s.key] ?? "–").join(", ")}`).join("; ")}`}
            >
              <line x1="0" y1=${h} x2=${w} y2=${h} class="axis" />
              <text x="2" y="12" class="chart-label">${fmtNumber(Math.round(max))} ${unit}</text>
              ${series.map(
                (s) =>
                  html`<g>
                    <polyline
                      fill="none"
                      stroke=${s.color}
                      stroke-width="2.5"
                      points=${days
                        .map((d, i) => (d[s.key] === null ? "" : `${x(i)},${y(d[s.key])}`))
                        .filter(Boolean)
                        .join(" ")}
                    />
                    ${days.map(
                      (d, i) =>
                        d[s.key] !== null &&
                        html`<circle cx=${x(i)} cy=${y(d[s.key])} r="3.5" fill=${s.color}
                          ><title>${`${d.date} ${s.label}: ${d[s.key]} ${unit}`}</title></circle
                        >`,
                    )}
                  </g>`,
              )}
            </svg>`
      }
      <${DataTable}
        caption=${title}
        columns=${[t("Day"), ...series.map((s) => s.label)]}
        rows=${days.map((d) => [d.date, ...series.map((s) => (d[s.key] === null ? "–" : `${d[s.key]} ${unit}`))])}
      />
    </figure>
  `;
}

function Legend({ series }) {
  return html`<ul class="legend" aria-hidden="true">
    ${series.map((s) => html`<li><span class="swatch" style=${`background:${s.color}`}></span>${s.label}</li>`)}
  </ul>`;
}
