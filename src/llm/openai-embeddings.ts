import OpenAI from "openai";
import { embeddingDimensions } from "../domain/embedding.js";
import type { Embedder } from "./embeddings-port.js";

export const defaultOpenAiEmbeddingModel = "text-embedding-3-small";

// One request carries at most this many inputs (the API allows 2048).
const batchSize = 512;

/**
 * OpenAI (or a compatible server's) embeddings API, asked for our fixed dimension. A server that
 * cannot shorten its vectors is caught here, not at insert time.
 */
export function createOpenAiEmbedder(options: { apiKey: string | undefined; baseUrl: string | undefined; model: string | undefined }): Embedder {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    ...(options.baseUrl !== undefined && { baseURL: options.baseUrl }),
    maxRetries: 2,
    timeout: 30_000,
  });
  const model = options.model ?? defaultOpenAiEmbeddingModel;
  return {
    model: `openai:${model}:${String(embeddingDimensions)}`,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const res = await client.embeddings.create({ model, input: texts.slice(i, i + batchSize), dimensions: embeddingDimensions, encoding_format: "float" });
        for (const item of [...res.data].sort((a, b) => a.index - b.index)) {
          if (item.embedding.length !== embeddingDimensions) {
            throw new Error(
              `embedding model ${model} returned ${String(item.embedding.length)} dimensions, not ${String(embeddingDimensions)}; set EMBEDDINGS=local`,
            );
          }
          out.push(item.embedding);
        }
      }
      return out;
    },
  };
}
