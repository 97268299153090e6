import type { Db } from "../db/client.js";
import type { Embedder } from "../llm/embeddings-port.js";
import type { Clock } from "../time/clock.js";

/** What every service needs; built once in main.ts (or by the test harness). */
export type ServiceDeps = {
  db: Db;
  clock: Clock;
  /** Base URL used to build each bot's webhookUrl. */
  publicUrl: string;
  /** Vectors for labelled examples, knowledge and incoming turns. */
  embedder: Embedder;
};
