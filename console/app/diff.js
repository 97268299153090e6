// Word-level diff (longest common subsequence) for prompt versions: prompts are mostly one paragraph.
import { html } from "./html.js";

const tokens = (text) => text.match(/\s+|[^\s]+/g) ?? [];

/** [{op: "same" | "add" | "del", text}] turning `before` into `after`. */
export function diffWords(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? lcs[(i + 1) * cols + j + 1] + 1 : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }
  const out = [];
  const push = (op, text) => {
    const last = out.at(-1);
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push("same", a[i]);
      i++;
      j++;
    } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) push("del", a[i++]);
    else push("add", b[j++]);
  }
  while (i < a.length) push("del", a[i++]);
  while (j < b.length) push("add", b[j++]);
  return out;
}

/** Deleted words struck through, added ones underlined; screen readers hear "removed"/"added". */
export function Diff({ before, after, labels }) {
  return html`
    <p class="diff">
      ${diffWords(before, after).map((part) =>
        part.op === "same"
          ? part.text
          : part.op === "del"
            ? html`<del aria-label=${`${labels.removed}: ${part.text}`}>${part.text}</del>`
            : html`<ins aria-label=${`${labels.added}: ${part.text}`}>${part.text}</ins>`,
      )}
    </p>
  `;
}
