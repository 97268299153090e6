import { sql } from "drizzle-orm";
import type { Db } from "../client.js";

/** A query vector as pgvector's text literal. */
export const vectorLiteral = (vector: readonly number[]) => `[${vector.join(",")}]`;

/**
 * Runs a nearest-neighbour query with the HNSW settings every such query wants: the iterative
 * index scan keeps the index useful under the per-bot filter (it scans on until k rows pass), and
 * a wider search than the default 40 keeps recall near 0.98 at 100k rows. `SET LOCAL` needs a
 * transaction.
 */
export function withVectorSearch<T>(db: Db, query: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL hnsw.iterative_scan = relaxed_order`);
    await tx.execute(sql`SET LOCAL hnsw.ef_search = 100`);
    return query(tx);
  });
}

/**
 * Refreshes the planner's statistics of the vector tables. The embedded database runs no
 * autovacuum, and without statistics the planner ignores the HNSW index (a 10k-example query
 * took 75 ms instead of 2.5 ms); on Postgres it only brings autovacuum's work forward.
 */
export async function analyzeVectorTables(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE examples`);
  await db.execute(sql`ANALYZE knowledge_chunks`);
}
