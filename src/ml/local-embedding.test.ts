import { describe, expect, it } from "vitest";
import { createLocalEmbedding, embedLocal, foldForEmbedding, hashFeature, localEmbeddingDimensions, localEmbeddingModel } from "./local-embedding.js";

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const norm = (v: Float32Array): number => Math.sqrt(cosine(v, v));
const similarity = (a: string, b: string): number => cosine(embedLocal(a), embedLocal(b));

describe("local embedding", () => {
  it("names its version and dimension, within pgvector's HNSW limit", () => {
    expect(localEmbeddingModel).toBe(`switchboard-local-hash-v1-${localEmbeddingDimensions}`);
    expect(localEmbeddingDimensions).toBeLessThanOrEqual(2000);
  });

  it("returns unit-length vectors of the declared dimension", () => {
    for (const text of ["My card hasn't arrived yet", "x", "Kenapa transfer saya belum masuk ke rekening?"]) {
      const vector = embedLocal(text);
      expect(vector).toHaveLength(localEmbeddingDimensions);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it("returns all zeros for text with no words, so callers can skip it", () => {
    for (const text of ["", "   ", "?!…"]) expect(norm(embedLocal(text))).toBe(0);
  });

  it("is deterministic, and pinned: a change here must bump the model version", () => {
    expect(embedLocal("Where is my new card?")).toEqual(embedLocal("Where is my new card?"));
    expect(hashFeature("w:card")).toBe(PINNED_HASH);
    const vector = embedLocal("My card hasn't arrived yet");
    const fingerprint = Array.from(vector, (value, i) => value * ((i % 7) + 1)).reduce((a, b) => a + b, 0);
    expect(fingerprint).toBeCloseTo(PINNED_FINGERPRINT, 5);
  });

  it("ignores case, accents, punctuation and apostrophes", () => {
    expect(foldForEmbedding("  Café — Kartu SAYA hilang!! Don’t ")).toBe("cafe kartu saya hilang dont");
    expect(embedLocal("Kartu SAYA hilang!!")).toEqual(embedLocal("kartu saya hilang"));
    expect(embedLocal("I can't pay")).toEqual(embedLocal("I cant pay."));
  });

  it("puts paraphrases closer than unrelated requests", () => {
    const arrived = "My card still hasn't arrived";
    expect(similarity(arrived, "I am still waiting for my card to arrive")).toBeGreaterThan(similarity(arrived, "What is the exchange rate for euros?"));
    const pending = "Why is my transfer still pending?";
    expect(similarity(pending, "my transfer has been pending for days")).toBeGreaterThan(similarity(pending, "How do I change my PIN?"));
  });

  it("works for Indonesian and code-mixed chat, typos included", () => {
    const lost = "kartu saya hilang, tolong blokir";
    expect(similarity(lost, "kartu sy ilang tolong diblokir")).toBeGreaterThan(similarity(lost, "berapa biaya transfer ke bank lain"));
    const mixed = "transfer saya pending terus, kenapa ya";
    expect(similarity(mixed, "kenapa transfernya masih pending")).toBeGreaterThan(similarity(mixed, "cara ganti PIN kartu gimana"));
  });

  it("builds other dimensions from the same features", () => {
    const embed = createLocalEmbedding({ dimensions: 256 });
    const vector = embed("card not working");
    expect(vector).toHaveLength(256);
    expect(norm(vector)).toBeCloseTo(1, 5);
  });
});

const PINNED_HASH = 1554884356;
const PINNED_FINGERPRINT = 4.345340497;
