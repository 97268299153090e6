// How Switchboard reads chat text, in one place: flows, keyword intents, the local embedding and
// the trained router all compare text through these functions.
import { emojiWords, standardForm } from "./chat-lexicon.js";

/** Lower case, accents and punctuation gone, words separated by single spaces: how we compare text. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** `foldText` with contractions joined ("hasn't" → "hasnt"). */
export function foldJoiningApostrophes(text: string): string {
  // NFKD first so a full-width apostrophe is an apostrophe by the time it is dropped.
  return foldText(text.normalize("NFKD").replace(/['’`]/gu, ""));
}

const emojiPattern = new RegExp(
  Object.keys(emojiWords)
    .map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "gu",
);
// Three or more of one letter is emphasis ("tolonggg", "pleaseee"), never spelling.
const elongation = /(\p{L})\1{2,}/gu;
// "kartu2" is "kartu-kartu": Indonesian reduplication written with a digit.
const reduplication = /^(\p{L}{2,})2$/u;

/** "tolonggg" → "tolong": a letter written three or more times in a row is written once. */
export function squashElongation(word: string): string {
  return word.replace(elongation, "$1");
}

/**
 * A chat message as standard words: emoji that carry tone become words, elongations are squashed,
 * "kartu2" becomes "kartu kartu", and slang and abbreviations take their standard form
 * ("gak" → "tidak", "sy" → "saya", "tf" → "transfer", "rek" → "rekening", "cc" → "kartu kredit").
 */
export function chatWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of foldJoiningApostrophes(text.replace(emojiPattern, (e) => ` ${emojiWords[e] ?? ""} `)).split(" ")) {
    if (raw === "") continue;
    const word = squashElongation(raw);
    const twice = reduplication.exec(word)?.[1];
    for (const part of twice ? [twice, twice] : [word]) {
      const standard = standardForm(part);
      if (standard === undefined) words.push(part);
      else words.push(...foldText(standard).split(" ").filter(Boolean));
    }
  }
  return words;
}

/** Tokens of a message for keyword matching: each word, then its standard form when it differs. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const token of foldText(text).split(" ")) {
    if (token === "") continue;
    tokens.push(token);
    const squashed = squashElongation(token);
    if (squashed !== token) tokens.push(squashed);
    const standard = standardForm(squashed);
    if (standard !== undefined) tokens.push(...foldText(standard).split(" ").filter(Boolean));
  }
  return tokens;
}

const prefixes = ["meng", "meny", "mem", "men", "me", "ber", "ter", "di", "ke", "se", "pe", "per"];
const suffixes = ["nya", "kan", "lah", "kah", "an", "i"];

/** A word and its likely Indonesian roots (light affix stripping), for keyword comparison. */
export function wordForms(token: string): string[] {
  const forms = new Set([token]);
  for (const suffix of suffixes) {
    if (token.length > suffix.length + 3 && token.endsWith(suffix)) forms.add(token.slice(0, -suffix.length));
  }
  for (const form of [...forms]) {
    for (const prefix of prefixes) {
      if (form.length > prefix.length + 3 && form.startsWith(prefix)) forms.add(form.slice(prefix.length));
    }
  }
  return [...forms];
}
