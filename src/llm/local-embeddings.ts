import { embeddingDimensions } from "../domain/embedding.js";
import { embedLocal, localEmbeddingDimensions, localEmbeddingModel } from "../ml/local-embedding.js";
import type { Embedder } from "./embeddings-port.js";

if (localEmbeddingDimensions !== embeddingDimensions) {
  throw new Error(`the local embedding has ${String(localEmbeddingDimensions)} dimensions, the database ${String(embeddingDimensions)}`);
}

/** The deterministic local embedding: no network, the same vector on every machine. */
export const localEmbedder: Embedder = {
  model: localEmbeddingModel,
  embed: (texts) => Promise.resolve(texts.map((t) => Array.from(embedLocal(t)))),
};
