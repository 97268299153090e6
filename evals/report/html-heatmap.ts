import { neverExpected } from "./confusion-rows.js";
import { escapeHtml } from "./html-escape.js";
import type { Confusion } from "../../src/services/evals/engine/report-types.js";

type Rgb = readonly [number, number, number];

const empty: Rgb = [248, 250, 252];
const right: Rgb = [21, 128, 61]; // green-700
const wrong: Rgb = [185, 28, 28]; // red-700
const darkText: Rgb = [17, 24, 39];
const lightText: Rgb = [255, 255, 255];

/**
 * Background for one cell from its row-normalised share (0..1): green on the diagonal (right),
 * red off it (wrong), deeper as the share grows; empty cells stay neutral so mistakes stand out.
 * The count is drawn in whichever of dark or white text contrasts more with the background.
 */
export function heatColour(share: number, onDiagonal: boolean): { background: string; text: string } {
  if (share <= 0) return { background: css(empty), text: "#94a3b8" };
  // A floor so a single stray case still shows as a tint.
  const t = 0.12 + 0.88 * Math.min(1, share);
  const target = onDiagonal ? right : wrong;
  const bg: Rgb = [mix(empty[0], target[0], t), mix(empty[1], target[1], t), mix(empty[2], target[2], t)];
  const text = contrast(bg, lightText) > contrast(bg, darkText) ? lightText : darkText;
  return { background: css(bg), text: css(text) };
}

function mix(from: number, to: number, t: number): number {
  return Math.round(from + (to - from) * t);
}

function css([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

/** WCAG relative luminance and contrast ratio. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/** The confusion matrix as a table of coloured cells: counts in the cells, row shares in titles. */
export function renderHeatmap(confusion: Confusion): string {
  const { labels, matrix } = confusion;
  const head = labels.map((l) => `<th scope="col" class="col-label">${escapeHtml(l)}</th>`).join("");
  const rows = labels.flatMap((label, i) => {
    const counts = matrix[i] ?? [];
    if (neverExpected(label, counts)) return [];
    const total = counts.reduce((a, b) => a + b, 0);
    const cells = counts.map((count, j) => heatCell(label, labels[j] ?? "", count, total, i === j)).join("");
    return [`<tr><th scope="row">${escapeHtml(label)}</th>${cells}<td class="total">${total}</td></tr>`];
  });
  return [
    `<table class="heatmap">`,
    `<thead><tr><th class="corner">expected ↓ / predicted →</th>${head}<th scope="col" class="total">n</th></tr></thead>`,
    `<tbody>${rows.join("\n")}</tbody>`,
    `</table>`,
  ].join("\n");
}

function heatCell(expected: string, predicted: string, count: number, rowTotal: number, onDiagonal: boolean): string {
  const share = rowTotal === 0 ? 0 : count / rowTotal;
  const { background, text } = heatColour(share, onDiagonal);
  const title = `expected ${expected}, predicted ${predicted}: ${count} of ${rowTotal} (${(share * 100).toFixed(1)}%)`;
  const kind = onDiagonal ? "diag" : "off";
  return `<td class="cell ${kind}" style="background:${background};color:${text}" title="${escapeHtml(title)}">${count}</td>`;
}
