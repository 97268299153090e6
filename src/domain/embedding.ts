/**
 * Every stored vector has this many dimensions: the local embedding is built at this size and
 * provider embeddings are requested at it (OpenAI's `dimensions` parameter). One fixed size keeps
 * one HNSW index per table; the model name stored beside each vector keeps models apart.
 */
export const embeddingDimensions = 512;
