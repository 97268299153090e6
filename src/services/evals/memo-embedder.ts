import type { Embedder } from "../../llm/embeddings-port.js";

/**
 * An embedder that asks for each distinct text once. The preview imports the same examples
 * twice (live and draft) and embeds every case text once per side; with a paid embeddings API
 * this halves the cost. A failed call is forgotten, so the next one asks again.
 */
export function memoizingEmbedder(inner: Embedder): Embedder {
  const vectors = new Map<string, Promise<number[]>>();
  return {
    model: inner.model,
    embed(texts) {
      const missing = [...new Set(texts.filter((t) => !vectors.has(t)))];
      if (missing.length > 0) {
        const batch = inner.embed(missing);
        missing.forEach((text, i) => {
          const vector = batch.then(
            (all) => all[i] ?? Promise.reject(new Error(`the embedder returned ${String(all.length)} vectors for ${String(missing.length)} texts`)),
          );
          vector.catch(() => vectors.delete(text));
          vectors.set(text, vector);
        });
      }
      return Promise.all(texts.map((t) => vectors.get(t) ?? Promise.reject(new Error("unreachable: every text was just requested"))));
    },
  };
}
