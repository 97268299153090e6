import { and, asc, desc, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { knowledgeChunks, knowledgeDocuments } from "../schema/knowledge.js";
import { vectorLiteral } from "./vector-search.js";

export type KnowledgeDocumentRow = typeof knowledgeDocuments.$inferSelect;
export type NewKnowledgeChunk = typeof knowledgeChunks.$inferInsert;

export async function insertDocument(db: Db, row: typeof knowledgeDocuments.$inferInsert): Promise<void> {
  await db.insert(knowledgeDocuments).values(row);
}

export async function insertChunks(db: Db, rows: NewKnowledgeChunk[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(knowledgeChunks).values(rows.slice(i, i + 500));
}

export async function listDocuments(db: Db, botId: string): Promise<(KnowledgeDocumentRow & { chunks: number })[]> {
  // Written out: inside a select list drizzle would leave the outer column unqualified.
  const chunks = sql<number>`(select count(*)::int from knowledge_chunks c where c.document_id = "knowledge_documents"."id")`;
  return db
    .select({
      id: knowledgeDocuments.id,
      botId: knowledgeDocuments.botId,
      title: knowledgeDocuments.title,
      content: knowledgeDocuments.content,
      format: knowledgeDocuments.format,
      createdAt: knowledgeDocuments.createdAt,
      chunks,
    })
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.botId, botId))
    .orderBy(desc(knowledgeDocuments.createdAt), asc(knowledgeDocuments.id));
}

export async function deleteDocument(db: Db, botId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.botId, botId), eq(knowledgeDocuments.id, id)))
    .returning({ id: knowledgeDocuments.id });
  return deleted.length > 0;
}

/** The k passages nearest to the query vector, embedded with `model`. */
export async function nearestChunks(db: Db, botId: string, model: string, vector: number[], k: number): Promise<{ text: string; similarity: number }[]> {
  const distance = sql<number>`${knowledgeChunks.embedding} <=> ${vectorLiteral(vector)}::vector`;
  const rows = await db
    .select({ text: knowledgeChunks.text, distance })
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.botId, botId), eq(knowledgeChunks.embeddingModel, model), isNotNull(knowledgeChunks.embedding)))
    .orderBy(distance)
    .limit(k);
  return rows.map((r) => ({ text: r.text, similarity: 1 - r.distance }));
}

export async function chunksToEmbed(db: Db, model: string, limit: number): Promise<{ id: string; text: string }[]> {
  return db
    .select({ id: knowledgeChunks.id, text: knowledgeChunks.text })
    .from(knowledgeChunks)
    .where(or(isNull(knowledgeChunks.embeddingModel), ne(knowledgeChunks.embeddingModel, model)))
    .limit(limit);
}

export async function setChunkEmbeddings(db: Db, rows: { id: string; embedding: number[] | null; model: string }[]): Promise<void> {
  for (const row of rows) await db.update(knowledgeChunks).set({ embedding: row.embedding, embeddingModel: row.model }).where(eq(knowledgeChunks.id, row.id));
}
