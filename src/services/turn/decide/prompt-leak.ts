import { foldText } from "../../../text/normalize-text.js";

// Six words in a row is a quotation, not a coincidence: "hand over to this division when" is.
const shingleWords = 6;

function shingles(text: string): Set<string> {
  const words = foldText(text).split(" ").filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + shingleWords <= words.length; i++) out.add(words.slice(i, i + shingleWords).join(" "));
  return out;
}

/**
 * Does a reply quote the routing prompt or an admin's division prompt? Any six consecutive words
 * of a secret, compared without case or punctuation, count: a customer asking for "the system
 * prompt" must never get it, whatever the model was talked into writing.
 */
export function revealsPrompt(reply: string, secrets: readonly string[]): boolean {
  const said = shingles(reply);
  if (said.size === 0) return false;
  return secrets.some((secret) => [...shingles(secret)].some((s) => said.has(s)));
}
