/**
 * The subset of CommonMark (cmark-gfm's HTML renderer, which Chatwoot's BaseMarkdownRenderer extends)
 * that chat messages use: paragraphs, soft and hard line breaks, ordered and bullet lists, strong,
 * emphasis, code and strikethrough. Output keeps cmark's layout: each block ends with "\n".
 * Chatwoot lib/base_markdown_renderer.rb; app/services/messages/markdown_renderer_service.rb#render_html.
 */
export function markdownToHtml(source: string): string {
  const blocks: string[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") {
      i++;
      continue;
    }
    const list = listKind(line);
    if (list) {
      const items: string[] = [];
      while (i < lines.length && listKind(lines[i] ?? "") === list) {
        items.push((lines[i] ?? "").replace(listMarker[list], ""));
        i++;
      }
      const tag = list === "ordered" ? "ol" : "ul";
      blocks.push(`<${tag}>\n${items.map((item) => `<li>${inline(item.trim())}</li>\n`).join("")}</${tag}>\n`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? "").trim() !== "" && (paragraph.length === 0 || !interruptsParagraph(lines[i] ?? ""))) {
      paragraph.push(lines[i] ?? "");
      i++;
    }
    blocks.push(`<p>${paragraphBody(paragraph)}</p>\n`);
  }
  return blocks.join("");
}

const listMarker = { ordered: /^ {0,3}\d{1,9}[.)] +/, bullet: /^ {0,3}[-*+] +/ } as const;

function listKind(line: string): keyof typeof listMarker | null {
  if (listMarker.ordered.test(line)) return "ordered";
  if (listMarker.bullet.test(line)) return "bullet";
  return null;
}

/** Only a list starting at 1 (or a bullet) may interrupt a paragraph (CommonMark §5.2). */
function interruptsParagraph(line: string): boolean {
  return /^ {0,3}1[.)] +\S/.test(line) || /^ {0,3}[-*+] +\S/.test(line);
}

function paragraphBody(lines: string[]): string {
  return lines
    .map((line, index) => {
      const last = index === lines.length - 1;
      const stripped = line.replace(/^ {0,3}/, "");
      if (last) return inline(stripped.trimEnd());
      // Two trailing spaces or a backslash make a hard break; otherwise a soft break stays "\n".
      if (/ {2,}$/.test(stripped)) return `${inline(stripped.trimEnd())}<br />`;
      if (stripped.endsWith("\\")) return `${inline(stripped.slice(0, -1))}<br />`;
      return inline(stripped.trimEnd());
    })
    .join("\n");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, "<strong>$1</strong>")
    .replace(/~~(\S(?:.*?\S)?)~~/g, "<del>$1</del>")
    .replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?![\w*])/g, "$1<em>$2</em>")
    .replace(/(^|\W)_(\S(?:.*?\S)?)_(?!\w)/g, "$1<em>$2</em>");
}

/**
 * WhatsApp / Instagram / Facebook renderers of 4.9–4.12 (app/services/messages/markdown_renderers/):
 * `**bold**` becomes `*bold*` and trailing newlines go; plain text passes unchanged.
 */
export function markdownToChatText(source: string): string {
  return source.replace(/\*\*(\S(?:.*?\S)?)\*\*/g, "*$1*").replace(/\n+$/, "");
}
