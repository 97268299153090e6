import { index, integer, pgTable, text, timestamp, vector } from "drizzle-orm/pg-core";
import { embeddingDimensions } from "../../domain/embedding.js";
import { bots } from "./bots.js";

/** FAQ and policy documents an admin uploads to ground the bot's own replies. */
export const knowledgeDocuments = pgTable(
  "knowledge_documents",
  {
    id: text().primaryKey(),
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    title: text().notNull(),
    content: text().notNull(),
    format: text().$type<"text" | "markdown">().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("knowledge_documents_bot_idx").on(t.botId)],
);

/** A document split into passages small enough to quote, each embedded for retrieval. */
export const knowledgeChunks = pgTable(
  "knowledge_chunks",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: "cascade" }),
    botId: text().notNull(),
    ordinal: integer().notNull(),
    text: text().notNull(),
    embedding: vector({ dimensions: embeddingDimensions }),
    embeddingModel: text(),
  },
  (t) => [
    index("knowledge_chunks_bot_model_idx").on(t.botId, t.embeddingModel),
    index("knowledge_chunks_embedding_hnsw").using("hnsw", t.embedding.op("vector_cosine_ops")).with({ m: 12, ef_construction: 40 }),
  ],
);
