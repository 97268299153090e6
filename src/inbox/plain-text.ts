/**
 * The text a customer typed, from a webhook `content` that may be rendered markup: Chatwoot
 * 4.9.0–4.12.0 sent the web widget's content as channel-rendered HTML (`<p>1</p>`). The raw text of
 * the same message in `conversation.messages[]` is preferred; this is the fallback.
 */
export function plainText(content: string): string {
  if (!looksLikeMarkup(content)) return content;
  const text = content
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|blockquote|pre)>/gi, "\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Only whole-message markup from the renderer counts: a customer who types "a <b> c" keeps it.
const looksLikeMarkup = (content: string) => /^\s*<(p|div|br|ul|ol|h[1-6]|blockquote|pre)\b[^>]*>/i.test(content);

const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return safeCodePoint(parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith("#")) return safeCodePoint(parseInt(entity.slice(1), 10), whole);
    return named[entity.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}
