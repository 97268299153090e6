import { foldText, tokenize, wordForms } from "./normalize-text.js";

export type KeywordHit = { keyword: string; start: number };

/** A message's words with their variants (abbreviations expanded, affixes stripped): compute once, match many. */
export type MessageForms = Set<string>[];

export const messageForms = (text: string): MessageForms => tokenize(text).map((t) => new Set(wordForms(t)));

/**
 * Matches keywords (one or more words) against a message on word boundaries, ignoring case,
 * accents and punctuation, expanding chat abbreviations and allowing Indonesian affixes
 * ("terblokir" matches "blokir").
 */
export class KeywordMatcher {
  private readonly phrases: { keyword: string; words: string[] }[];

  constructor(keywords: readonly string[]) {
    this.phrases = keywords.map((keyword) => ({ keyword, words: foldText(keyword).split(" ").filter(Boolean) })).filter((p) => p.words.length > 0);
  }

  matches(text: string): KeywordHit[] {
    return this.matchForms(messageForms(text));
  }

  matchForms(forms: MessageForms): KeywordHit[] {
    const hits: KeywordHit[] = [];
    for (const phrase of this.phrases) {
      const start = findPhrase(forms, phrase.words);
      if (start >= 0) hits.push({ keyword: phrase.keyword, start });
    }
    return hits;
  }
}

function findPhrase(forms: Set<string>[], words: string[]): number {
  outer: for (let i = 0; i + words.length <= forms.length; i++) {
    for (let j = 0; j < words.length; j++) {
      if (!forms[i + j]?.has(words[j] ?? "")) continue outer;
    }
    return i;
  }
  return -1;
}

/** Phrases that always mean "let me talk to a person", in Indonesian and English. */
export const humanIntentKeywords = [
  "customer service",
  "agen",
  "agent",
  "operator",
  "petugas",
  "manusia",
  "human",
  "live agent",
  "live chat",
  "real person",
  "orang asli",
  "call center",
  "staf",
  "staff",
];
