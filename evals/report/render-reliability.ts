import { escapeHtml } from "./html-escape.js";
import { fixed3, integer } from "./metric-format.js";
import type { Calibration } from "../../src/services/evals/engine/report-types.js";

const intro = (c: Calibration, judged = "judged decisions (LLM or fallback)") =>
  `Expected calibration error ${fixed3(c.ece)} over ${integer(c.decisions)} ${judged}: per confidence bin, how often the decision was right.`;

/** The reliability diagram as a Markdown table: a calibrated router's accuracy matches its confidence. */
export function reliabilityMarkdown(c: Calibration, judged?: string): string {
  const rows = c.bins
    .filter((b) => b.count > 0)
    .map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${integer(b.count)} | ` +
        `${fixed3(b.meanConfidence)} | ${fixed3(b.accuracy)} | ` +
        `${"█".repeat(Math.round(b.accuracy * 20))} |`,
    );
  return [intro(c, judged), "", "| confidence | decisions | mean confidence | accuracy | accuracy |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The reliability diagram as an inline SVG: bars are accuracy per bin, the diagonal is perfect calibration. */
export function reliabilityHtml(c: Calibration): string {
  const size = 240;
  const pad = 28;
  const scale = (v: number) => pad + v * size;
  const flip = (v: number) => pad + size - v * size;
  const bars = c.bins
    .filter((b) => b.count > 0)
    .map((b) => {
      const x = scale(b.from) + 1;
      const w = (b.to - b.from) * size - 2;
      const title =
        `${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.count)} decisions, confidence ` + `${fixed3(b.meanConfidence)}, accuracy ${fixed3(b.accuracy)}`;
      return (
        `<rect x="${x.toFixed(1)}" y="${flip(b.accuracy).toFixed(1)}" width="${w.toFixed(1)}" ` +
        `height="${(b.accuracy * size).toFixed(1)}" ` +
        `fill="#60a5fa"><title>${escapeHtml(title)}</title></rect>`
      );
    })
    .join("");
  const axis =
    `<line x1="${String(pad)}" y1="${String(pad + size)}" x2="${String(pad + size)}" ` +
    `y2="${String(pad + size)}" stroke="#9ca3af"/><line x1="${String(pad)}" ` +
    `y1="${String(pad)}" x2="${String(pad)}" y2="${String(pad + size)}" stroke="#9ca3af"/>`;
  const diagonal =
    `<line x1="${String(scale(0))}" y1="${String(flip(0))}" x2="${String(scale(1))}" ` + `y2="${String(flip(1))}" stroke="#b91c1c" stroke-dasharray="4 3"/>`;
  const labels =
    `<text x="${String(pad + size / 2)}" y="${String(pad + size + 24)}" text-anchor="middle" ` +
    `font-size="11">confidence</text><text x="8" y="${String(pad + size / 2)}" font-size="11" ` +
    `transform="rotate(-90 8 ${String(pad + size / 2)})" text-anchor="middle">accuracy</text>`;
  const ticks = [0, 0.5, 1]
    .map(
      (v) =>
        `<text x="${String(scale(v))}" y="${String(pad + size + 12)}" text-anchor="middle" ` +
        `font-size="10">${String(v)}</text><text x="${String(pad - 4)}" y="${String(flip(v) + 3)}" ` +
        `text-anchor="end" font-size="10">${String(v)}</text>`,
    )
    .join("");
  const svg =
    `<svg class="reliability" width="${String(size + 2 * pad)}" ` +
    `height="${String(size + 2 * pad)}" role="img" aria-label="reliability ` +
    `diagram">${axis}${bars}${diagonal}${ticks}${labels}</svg>`;
  return `<p class="hint">${escapeHtml(intro(c))}</p>${svg}`;
}
