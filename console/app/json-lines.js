// Pretty JSON that remembers the line of every path, so an API error at `states.2.to` can point at its line.

/** `{ text, lineOf(path) }`; the text is what JSON.stringify(value, null, 2) writes. */
export function prettyWithLines(value) {
  const lines = [];
  const at = new Map();
  const write = (v, path, indent, prefix, suffix) => {
    at.set(path.join("."), lines.length + 1);
    const pad = "  ".repeat(indent);
    const isArray = Array.isArray(v);
    if (v === null || typeof v !== "object" || (isArray ? v.length === 0 : Object.keys(v).length === 0)) {
      lines.push(`${pad}${prefix}${JSON.stringify(v)}${suffix}`);
      return;
    }
    lines.push(`${pad}${prefix}${isArray ? "[" : "{"}`);
    const entries = isArray ? v.map((x, i) => [i, x]) : Object.entries(v).filter(([, x]) => x !== undefined);
    entries.forEach(([k, x], i) => write(x, [...path, k], indent + 1, isArray ? "" : `${JSON.stringify(k)}: `, i < entries.length - 1 ? "," : ""));
    lines.push(`${pad}${isArray ? "]" : "}"}${suffix}`);
  };
  write(value, [], 0, "", "");
  return {
    text: lines.join("\n"),
    /** The line of the path, or of its nearest ancestor that exists (a missing field's parent). */
    lineOf(path) {
      const parts = path.split(".").filter(Boolean);
      for (let n = parts.length; n >= 0; n--) {
        const line = at.get(parts.slice(0, n).join("."));
        if (line) return line;
      }
      return 1;
    },
  };
}

/** Selects a line of a textarea and scrolls to it. */
export function selectLine(textarea, line) {
  const text = textarea.value;
  let start = 0;
  for (let i = 1; i < line; i++) start = text.indexOf("\n", start) + 1;
  const end = text.indexOf("\n", start);
  textarea.focus();
  textarea.setSelectionRange(start, end === -1 ? text.length : end);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
