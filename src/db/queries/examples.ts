import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { type ExampleSource, examples } from "../schema/examples.js";
import { vectorLiteral } from "./vector-search.js";

export type ExampleRow = Omit<typeof examples.$inferSelect, "embedding">;
export type NewExample = typeof examples.$inferInsert;
export type Neighbour = { id: string; text: string; label: string; similarity: number };

const publicColumns = {
  id: examples.id,
  seq: examples.seq,
  botId: examples.botId,
  text: examples.text,
  label: examples.label,
  intent: examples.intent,
  source: examples.source,
  embeddingModel: examples.embeddingModel,
  createdAt: examples.createdAt,
};

// One statement carries at most this many rows (Postgres allows 65,535 parameters).
const insertBatch = 1000;

export async function insertExamples(db: Db, rows: NewExample[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertBatch) await db.insert(examples).values(rows.slice(i, i + insertBatch));
}

/** A page of a bot's examples in insertion order, after the `after` cursor (a seq). */
export async function listExamples(
  db: Db,
  botId: string,
  opts: { after: number; limit: number; label?: string | undefined; intent?: string | undefined; source?: string | undefined },
): Promise<ExampleRow[]> {
  return db
    .select(publicColumns)
    .from(examples)
    .where(
      and(
        eq(examples.botId, botId),
        gt(examples.seq, opts.after),
        opts.label === undefined ? undefined : eq(examples.label, opts.label),
        opts.intent === undefined ? undefined : eq(examples.intent, opts.intent),
        opts.source === undefined ? undefined : eq(examples.source, opts.source as ExampleSource),
      ),
    )
    .orderBy(asc(examples.seq))
    .limit(opts.limit);
}

export async function countExamples(db: Db, botId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(examples).where(eq(examples.botId, botId));
  return row?.n ?? 0;
}

export async function deleteExample(db: Db, botId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(examples)
    .where(and(eq(examples.botId, botId), eq(examples.id, id)))
    .returning({ id: examples.id });
  return deleted.length > 0;
}

/** Each (intent, label) pair of a bot's examples under `labels` (the labels that still train). */
export async function intentLabels(db: Db, botId: string, labels: readonly string[]): Promise<{ intent: string; label: string }[]> {
  const rows = await db
    .selectDistinct({ intent: examples.intent, label: examples.label })
    .from(examples)
    .where(and(eq(examples.botId, botId), isNotNull(examples.intent), inArray(examples.label, [...labels])));
  return rows.flatMap((r) => (r.intent === null ? [] : [{ intent: r.intent, label: r.label }]));
}

/** Removes the examples a division's own `examples` list put there, before writing the new list. */
export async function deleteDivisionExamples(db: Db, botId: string, divisionId: string): Promise<void> {
  await db.delete(examples).where(and(eq(examples.botId, botId), eq(examples.source, "division"), eq(examples.label, divisionId)));
}

/** The statement behind `nearestExamples`; the bench EXPLAINs it. */
export function nearestExamplesQuery(tx: Db, botId: string, model: string, vector: readonly number[], k: number) {
  const distance = sql<number>`${examples.embedding} <=> ${vectorLiteral(vector)}::vector`;
  return tx
    .select({ id: examples.id, text: examples.text, label: examples.label, distance })
    .from(examples)
    .where(and(eq(examples.botId, botId), eq(examples.embeddingModel, model), isNotNull(examples.embedding)))
    .orderBy(distance)
    .limit(k);
}

/** The k nearest examples embedded with `model`, by cosine similarity. */
export async function nearestExamples(db: Db, botId: string, model: string, vector: number[], k: number): Promise<Neighbour[]> {
  const rows = await nearestExamplesQuery(db, botId, model, vector, k);
  return rows.map((r) => ({ id: r.id, text: r.text, label: r.label, similarity: 1 - r.distance }));
}

/** Examples whose vector is missing or from another model (a model change re-embeds them). */
export async function examplesToEmbed(db: Db, model: string, limit: number): Promise<{ id: string; text: string }[]> {
  return db
    .select({ id: examples.id, text: examples.text })
    .from(examples)
    .where(or(isNull(examples.embeddingModel), ne(examples.embeddingModel, model)))
    .orderBy(asc(examples.seq))
    .limit(limit);
}

export async function setExampleEmbeddings(db: Db, rows: { id: string; embedding: number[] | null; model: string }[]): Promise<void> {
  for (const row of rows) {
    await db.update(examples).set({ embedding: row.embedding, embeddingModel: row.model }).where(eq(examples.id, row.id));
  }
}

/** Every example of a bot as training data, in insertion order. */
export async function listTrainingExamples(db: Db, botId: string): Promise<{ text: string; label: string; intent: string | null }[]> {
  return db
    .select({ text: examples.text, label: examples.label, intent: examples.intent })
    .from(examples)
    .where(eq(examples.botId, botId))
    .orderBy(asc(examples.seq));
}
