// Reading a webhook body so that whatever is accepted can be stored: Postgres' jsonb and text refuse
// what JSON allows (NUL, lone UTF-16 surrogates), and deep nesting overflows recursive code.

/** Deeper than any Chatwoot payload (about 8 levels) by far, and far below what recursion survives. */
export const maxNestingDepth = 64;

export type BodyReading = { ok: true; body: unknown } | { ok: false; problem: "not_json" | "too_deep"; message: string };

const decoder = new TextDecoder("utf-8"); // invalid UTF-8 becomes U+FFFD, as Chatwoot's text would show it

/** Is any `{`/`[` nested more than `limit` deep? One pass over the text, strings skipped. */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

// Only escapes can put these in a parsed string: raw control characters are invalid JSON, and
// decoding never yields a lone surrogate. Checking the text first keeps the common case one scan.
const unstorableEscape = /\\u(0000|d[89a-f][0-9a-f]{2})/i;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storableText = (text: string) => text.replaceAll("\u0000", "\uFFFD").replace(loneSurrogate, "\uFFFD");

/** NUL and lone surrogates (which Postgres refuses) become U+FFFD, in keys and values alike. */
function storable(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)]));
  }
  return value;
}

/** The delivery's JSON, with characters Postgres cannot store replaced; or why it cannot be read. */
export function readDeliveryBody(raw: Uint8Array): BodyReading {
  const text = decoder.decode(raw);
  if (nestedDeeperThan(text, maxNestingDepth)) {
    return { ok: false, problem: "too_deep", message: `The delivery body is nested deeper than ${String(maxNestingDepth)} levels` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: "not_json", message: `The delivery body is not valid JSON (${error instanceof Error ? error.message : "unreadable"})` };
  }
  return { ok: true, body: unstorableEscape.test(text) ? storable(body) : body };
}
