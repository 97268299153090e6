import type { Config } from "../config.js";
import type { Embedder } from "./embeddings-port.js";
import { localEmbedder } from "./local-embeddings.js";
import { createOpenAiEmbedder } from "./openai-embeddings.js";

/**
 * OpenAI-compatible embeddings when that provider is configured (Anthropic has no embeddings
 * API); otherwise, or with `EMBEDDINGS=local`, the deterministic local embedding.
 */
export function createEmbedder(config: Config): Embedder {
  if (config.embeddings.provider === "openai") return createOpenAiEmbedder({ ...config.llm.openai, model: config.embeddings.model });
  return localEmbedder;
}
