/** Turns texts into vectors of `embeddingDimensions`; the model name is stored beside each vector. */
export type Embedder = {
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
};
