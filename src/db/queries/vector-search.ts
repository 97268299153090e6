import { sql } from "drizzle-orm";

// The HNSW settings these queries rely on are set for every session (src/db/client.ts).
import type { Db } from "../client.js";

/** A query vector as pgvector's text literal. */
export const vectorLiteral = (vector: readonly number[]) => `[${vector.join(",")}]`;

/**
 * Refreshes the planner's statistics of the vector tables. The embedded database runs no
 * autovacuum, and without statistics the planner ignores the HNSW index (a 10k-example query
 * took 75 ms instead of 2.5 ms); on Postgres it only brings autovacuum's work forward.
 */
export async function analyzeVectorTables(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE examples`);
  await db.execute(sql`ANALYZE knowledge_chunks`);
}
