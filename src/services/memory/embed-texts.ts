import type { Embedder } from "../../llm/embeddings-port.js";

const isZero = (v: number[]) => v.every((x) => x === 0);

/**
 * Embeds texts; a text with nothing to embed (only emoji or punctuation) gets null, because a zero
 * vector has no cosine distance and would poison a nearest-neighbour query.
 */
export async function embedTexts(embedder: Embedder, texts: string[]): Promise<(number[] | null)[]> {
  if (texts.length === 0) return [];
  const vectors = await embedder.embed(texts);
  return vectors.map((v) => (isZero(v) ? null : v));
}
