import { bigint, index, pgTable, text, timestamp, vector } from "drizzle-orm/pg-core";
import { embeddingDimensions } from "../../domain/embedding.js";
import { bots } from "./bots.js";

export type ExampleSource = "admin" | "import" | "agent_reroute" | "eval" | "division";

/**
 * Labelled example utterances: label = a division id, or "bot" for turns the bot keeps, and
 * optionally a finer intent inside it (the trained router's classes). They feed few-shot
 * retrieval, the offline router and, from agents' re-routes, learning.
 */
export const examples = pgTable(
  "examples",
  {
    id: text().primaryKey(),
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    text: text().notNull(),
    label: text().notNull(),
    /** A finer class inside the label ("card_arrival"); null when the example names none. */
    intent: text(),
    source: text().$type<ExampleSource>().notNull(),
    /** Null until embedded (a background job fills it after a model change). */
    embedding: vector({ dimensions: embeddingDimensions }),
    embeddingModel: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("examples_bot_idx").on(t.botId, t.seq),
    index("examples_bot_model_idx").on(t.botId, t.embeddingModel),
    // Smaller graph parameters than the defaults: inserts into an HNSW index dominate bulk imports.
    index("examples_embedding_hnsw").using("hnsw", t.embedding.op("vector_cosine_ops")).with({ m: 12, ef_construction: 40 }),
  ],
);
