// TF-IDF features of a chat message: words and word pairs, and character n-grams taken inside each
// word padded with spaces (scikit-learn's `char_wb`), both over the message's standard words (slang
// expanded, elongations squashed). Each group is scaled to unit length, as in a feature union of
// two vectorisers, so the many character n-grams do not drown the few words.
import { chatWords, foldJoiningApostrophes, squashElongation } from "../../text/normalize-text.js";

/** Character n-gram lengths (scikit-learn `ngram_range=(2, 5)` with `analyzer="char_wb"`). */
export const charNgramSizes: readonly number[] = [2, 3, 4, 5];

/** Names the feature code: a stored model built by other feature code is retrained, not read. */
export const featuresVersion = "switchboard-tfidf-svm-v2";

/** A sparse vector: parallel arrays of column indices and values. */
export type SparseVector = { index: Int32Array; value: Float32Array };

type Counts = Map<string, number>;

const add = (counts: Counts, term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);

/** The raw term counts of a text, in its two groups ("w:" words and pairs, "c:" character n-grams). */
export function termCounts(text: string): { words: Counts; chars: Counts } {
  const written = foldJoiningApostrophes(text).split(" ").filter(Boolean).map(squashElongation);
  const standard = chatWords(text);
  const words: Counts = new Map();
  const chars: Counts = new Map();
  // Words and pairs as written and in their standard form: "tf gagal" also reads "transfer gagal".
  for (const tokens of written.join(" ") === standard.join(" ") ? [written] : [written, standard]) {
    for (let i = 0; i < tokens.length; i++) {
      add(words, `w:${tokens[i] ?? ""}`);
      if (i + 1 < tokens.length) add(words, `b:${tokens[i] ?? ""} ${tokens[i + 1] ?? ""}`);
    }
  }
  // Character n-grams of the words as written: they carry typos and unknown slang.
  for (const token of written) {
    const padded = ` ${token} `;
    for (const n of charNgramSizes) {
      for (let at = 0; at + n <= padded.length; at++) add(chars, `c:${padded.slice(at, at + n)}`);
    }
  }
  return { words, chars };
}

/** Term → column, and each column's inverse document frequency. */
export type Vocabulary = { columns: Map<string, number>; idf: Float32Array };

/** Terms seen in at least `minDf` texts; smoothed IDF, ln((1 + n) / (1 + df)) + 1, as scikit-learn. */
export function buildVocabulary(texts: readonly { words: Counts; chars: Counts }[], minDf: number): Vocabulary {
  const df = new Map<string, number>();
  for (const t of texts) {
    for (const term of t.words.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    for (const term of t.chars.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const terms = [...df.entries()].filter(([, n]) => n >= minDf).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const columns = new Map<string, number>();
  const idf = new Float32Array(terms.length);
  terms.forEach(([term, n], i) => {
    columns.set(term, i);
    idf[i] = Math.log((1 + texts.length) / (1 + n)) + 1;
  });
  return { columns, idf };
}

/** Sublinear TF × IDF, each group scaled to unit length; terms outside the vocabulary are ignored. */
export function vectorize(counts: { words: Counts; chars: Counts }, vocabulary: Vocabulary): SparseVector {
  const index: number[] = [];
  const value: number[] = [];
  for (const group of [counts.words, counts.chars]) {
    const start = value.length;
    let norm = 0;
    for (const [term, tf] of group) {
      const column = vocabulary.columns.get(term);
      if (column === undefined) continue;
      const v = (1 + Math.log(tf)) * (vocabulary.idf[column] ?? 1);
      index.push(column);
      value.push(v);
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start; i < value.length; i++) value[i] = (value[i] ?? 0) * scale;
  }
  return { index: Int32Array.from(index), value: Float32Array.from(value) };
}
