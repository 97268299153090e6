import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { rowsOf } from "../../src/db/rows.js";
import { openThrowawayPostgres } from "../../test/harness/throwaway-postgres.js";

/** A migrated database for one side of a comparison, dropped (or discarded) by `close`. */
export type BenchDatabase = Database & { label: string; dispose(): Promise<void> };

/** In-memory PGlite, or a new database on the Postgres server at `postgresUrl`. */
export async function openBenchDatabase(label: string, postgresUrl: string | null): Promise<BenchDatabase> {
  if (postgresUrl === null) {
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await runMigrations(database);
    return { ...database, label, dispose: () => database.close() };
  }
  const database = await openThrowawayPostgres(postgresUrl, `sb_bench_${label}_${String(process.pid)}`);
  return { ...database, label, dispose: () => database.drop() };
}

const dayMs = 86_400_000;

/**
 * `jobs` finished jobs, made the way the queue makes them: inserted pending (so each has an entry
 * in the claim index, as every real job had), then finished, one in 50 dead, with finish times
 * spread evenly over the last `spreadDays`. Nothing is vacuumed afterwards.
 */
export async function fillFinishedJobs(database: BenchDatabase, args: { jobs: number; spreadDays: number; now: Date }): Promise<void> {
  const { db } = database;
  const now = args.now.toISOString();
  const spreadMs = args.spreadDays * dayMs;
  await db.execute(sql`
    insert into jobs (queue, bot_id, ordering_key, payload, status, max_attempts, run_at, created_at)
    select case when g % 2 = 0 then 'inbound' else 'outbound' end, 'bench-bot', 'bench-bot:' || (g % 100000)::text,
      jsonb_build_object('eventId', g), 'pending', 8, ${now}::timestamptz, ${now}::timestamptz
    from generate_series(1, ${args.jobs}) g`);
  await db.execute(sql`
    update jobs set
      status = case when id % 50 = 0 then 'dead' else 'done' end,
      attempts = 1,
      finished_at = ${now}::timestamptz - make_interval(secs => (id::float8 / ${args.jobs}) * ${spreadMs / 1000}),
      result = '{"transition": null, "effect": "route"}'::jsonb
    where status = 'pending'`);
}

export async function countJobs(database: BenchDatabase): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await database.db.execute(sql`select count(*) as n from jobs`));
  return Number(row?.n ?? 0);
}

/**
 * What autovacuum (and its analyze) does on Postgres, and the retention scheduler's queue vacuum on
 * the embedded database.
 */
export async function vacuumJobs(database: BenchDatabase): Promise<void> {
  await database.db.execute(database.kind === "postgres" ? sql`VACUUM (ANALYZE) jobs` : sql`VACUUM jobs`);
}
