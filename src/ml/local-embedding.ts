// A deterministic text embedding that needs no model and no network: hashed word, word-pair and
// character n-gram features. It is what the embedded default uses when no embeddings provider is
// configured, so it must give the same vector for the same text on every machine and release.
// Any change to the features, weights or word lists changes every stored vector: bump the version
// in `localEmbeddingModel` so a query never compares vectors from two versions.

import { foldJoiningApostrophes } from "../text/normalize-text.js";

export type LocalEmbeddingOptions = {
  /** Length of the vector (pgvector HNSW indexes at most 2000). */
  dimensions: number;
  /** Length (L2 norm) each feature group gets before they are summed and the sum normalised. */
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  /** Character n-gram lengths, taken inside each word padded with spaces. */
  charNgramSizes: readonly number[];
  /** Multiplier for words that carry little meaning on their own (a fixed stand-in for IDF). */
  stopwordWeight: number;
};

export const defaultLocalEmbeddingOptions: LocalEmbeddingOptions = {
  dimensions: 512,
  wordWeight: 1,
  bigramWeight: 0.6,
  charWeight: 1,
  charNgramSizes: [3, 4, 5],
  stopwordWeight: 0.3,
};

export const localEmbeddingDimensions = defaultLocalEmbeddingOptions.dimensions;
export const localEmbeddingModel = `switchboard-local-hash-v1-${localEmbeddingDimensions}`;

// English and Indonesian function words. Negations ("not", "tidak", "belum") and question words
// ("why", "how", "kenapa") are deliberately absent: they separate "how do I…" from "why did…fail".
const stopwords = new Set(
  (
    "a an the to of in on at for from by with and or is am are was were be been being it its this that " +
    "these those i me my we our you your he she they them their there here as so do does did have has had " +
    "would could should will shall may might can just also some any about into than then too very " +
    "yang dan di ke dari ini itu ada untuk dengan pada saya aku kami kita anda kamu ya dong sih nya " +
    "deh kok lah pun juga atau adalah akan sudah telah sama"
  ).split(" "),
);

/** Lower case, accents and punctuation gone, contractions joined ("hasn't" → "hasnt"). */
export const foldForEmbedding = foldJoiningApostrophes;

export function embeddingWords(text: string): string[] {
  const folded = foldForEmbedding(text);
  return folded === "" ? [] : folded.split(" ");
}

type FeatureCounts = Map<string, number>;

function count(features: FeatureCounts, feature: string, weight: number): void {
  features.set(feature, (features.get(feature) ?? 0) + weight);
}

function wordFeatures(words: readonly string[], stopwordWeight: number): FeatureCounts {
  const features: FeatureCounts = new Map();
  for (const word of words) count(features, `w:${word}`, stopwords.has(word) ? stopwordWeight : 1);
  return features;
}

function bigramFeatures(words: readonly string[], stopwordWeight: number): FeatureCounts {
  const features: FeatureCounts = new Map();
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i] ?? "";
    const second = words[i + 1] ?? "";
    const bothStop = stopwords.has(first) && stopwords.has(second);
    count(features, `b:${first} ${second}`, bothStop ? stopwordWeight : 1);
  }
  return features;
}

function charFeatures(words: readonly string[], sizes: readonly number[], stopwordWeight: number): FeatureCounts {
  const features: FeatureCounts = new Map();
  for (const word of words) {
    const padded = ` ${word} `;
    const weight = stopwords.has(word) ? stopwordWeight : 1;
    for (const size of sizes) {
      for (let i = 0; i + size <= padded.length; i++) count(features, `c:${padded.slice(i, i + size)}`, weight);
    }
  }
  return features;
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so low bits are well mixed. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

// Sublinear term frequency (a word said three times is not three times as telling), then the group
// is scaled to its weight so that the many character n-grams do not drown the few words.
function addGroup(vector: Float32Array, features: FeatureCounts, groupWeight: number): void {
  if (groupWeight === 0 || features.size === 0) return;
  let norm = 0;
  const scaled: [string, number][] = [];
  for (const [feature, tf] of features) {
    const value = tf <= 1 ? tf : 1 + Math.log(tf);
    scaled.push([feature, value]);
    norm += value * value;
  }
  if (norm === 0) return;
  const factor = groupWeight / Math.sqrt(norm);
  for (const [feature, value] of scaled) {
    const hash = hashFeature(feature);
    // The top bit picks a sign so that colliding features cancel out on average instead of adding up.
    const sign = hash & 0x80000000 ? -1 : 1;
    const index = (hash & 0x7fffffff) % vector.length;
    vector[index] = (vector[index] ?? 0) + sign * value * factor;
  }
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return vector;
  const factor = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * factor;
  return vector;
}

/** An embedding function with the given options; unit length, or all zeros for text with no words. */
export function createLocalEmbedding(options: Partial<LocalEmbeddingOptions> = {}): (text: string) => Float32Array {
  const o = { ...defaultLocalEmbeddingOptions, ...options };
  return (text) => {
    const words = embeddingWords(text);
    const vector = new Float32Array(o.dimensions);
    addGroup(vector, wordFeatures(words, o.stopwordWeight), o.wordWeight);
    addGroup(vector, bigramFeatures(words, o.stopwordWeight), o.bigramWeight);
    addGroup(vector, charFeatures(words, o.charNgramSizes, o.stopwordWeight), o.charWeight);
    return normalise(vector);
  };
}

/** The local embedding named by `localEmbeddingModel`. */
export const embedLocal: (text: string) => Float32Array = createLocalEmbedding();
