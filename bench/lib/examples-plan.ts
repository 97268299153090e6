import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { nearestExamplesQuery } from "../../src/db/queries/examples.js";
import { rowsOf } from "../../src/db/rows.js";

const hnswIndex = "examples_embedding_hnsw";

export type NearestPlan = { usesHnsw: boolean; scan: string; executionMs: number; lines: string[] };

/** EXPLAIN ANALYZE of the very statement `nearestExamples` sends, with its search settings; the vector elided. */
export async function explainNearest(db: Db, botId: string, model: string, vector: readonly number[], k: number): Promise<NearestPlan> {
  const result = await db.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${nearestExamplesQuery(db, botId, model, vector, k)}`);
  const lines = rowsOf<Record<string, unknown>>(result).map((r) => String(r["QUERY PLAN"]).replace(/'\[[^\]]*\]'/g, "'[…]'"));
  const scan =
    lines
      .find((l) => /Scan/.test(l))
      ?.replace(/^[\s>-]+/, "")
      .replace(/\s+\(cost=.*$/, "") ?? "?";
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(lines.join("\n"))?.[1] ?? Number.NaN);
  return { usesHnsw: lines.some((l) => l.includes(hnswIndex)), scan, executionMs, lines };
}

/** Whether the table has ever had statistics gathered (PGlite runs no autovacuum daemon). */
export async function analyzeState(db: Db): Promise<{ lastAnalyze: string | null; lastAutoanalyze: string | null; modSinceAnalyze: number | null }> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select last_analyze, last_autoanalyze, n_mod_since_analyze from pg_stat_user_tables where relname = 'examples'`),
  );
  const text = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === "string" ? v : null);
  return {
    lastAnalyze: text(row?.last_analyze),
    lastAutoanalyze: text(row?.last_autoanalyze),
    modSinceAnalyze: row?.n_mod_since_analyze === undefined ? null : Number(row.n_mod_since_analyze),
  };
}

export async function analyzeExamples(db: Db): Promise<number> {
  const started = performance.now();
  await db.execute(sql`ANALYZE examples`);
  return performance.now() - started;
}

/** Drops the HNSW index and returns its definition, so it can be built again exactly as migrated. */
export async function dropHnswIndex(db: Db): Promise<string> {
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`select indexdef from pg_indexes where indexname = ${hnswIndex}`));
  const definition = row?.indexdef;
  if (typeof definition !== "string") throw new Error(`${hnswIndex} not found`);
  await db.execute(sql.raw(`DROP INDEX ${hnswIndex}`));
  return definition;
}

export async function createIndex(db: Db, definition: string): Promise<number> {
  const started = performance.now();
  await db.execute(sql.raw(definition));
  return performance.now() - started;
}

/** Total size of the examples table and of its HNSW index. */
export async function relationSizesMb(db: Db): Promise<{ tableMb: number; hnswMb: number }> {
  const [row] = rowsOf<Record<string, unknown>>(await db.execute(sql`select pg_total_relation_size('examples') as t, pg_relation_size(${hnswIndex}) as i`));
  return { tableMb: Number(row?.t) / 2 ** 20, hnswMb: Number(row?.i) / 2 ** 20 };
}
