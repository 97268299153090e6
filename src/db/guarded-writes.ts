import type { Db } from "./client.js";

/**
 * A drizzle statement built but not yet run: awaiting it runs it, `toSQL` gives its text and
 * parameters. Query functions that write return one, so a caller can run it now or hand it to
 * `guardedWrites` to run later with others.
 */
export type Write<R = unknown> = PromiseLike<R> & { toSQL(): { sql: string; params: unknown[] } };

/** A statement as text and parameters, as `toSQL` gives it. */
export type SqlStatement = ReturnType<Write["toSQL"]>;

/**
 * Runs statements in one transaction, in one call: the first (the guard) decides, and when it
 * returns no row nothing is written. Returns the guard's rows as objects, or null.
 */
export type BatchRunner = (statements: SqlStatement[]) => Promise<Record<string, unknown>[] | null>;

const batchRunners = new WeakMap<Db, BatchRunner>();

/** The embedded database runs a batch in its own thread in one call (src/db/pglite-thread/). */
export function useBatchRunner(db: Db, run: BatchRunner): void {
  batchRunners.set(db, run);
}

/**
 * Runs `guard`, then `writes` only if the guard returned a row, all in one transaction; returns
 * the guard's first row, or null when it returned none (nothing written). On the embedded
 * database the whole transaction is one call to its thread, so it never holds the database while
 * this thread does other work, and this thread never waits for it. The guard's columns reach the
 * caller as the database gave them: keep them to types drizzle does not map (booleans, integers, text).
 */
export async function guardedWrites<R extends Record<string, unknown>>(db: Db, guard: (db: Db) => Write<R[]>, writes: (db: Db) => Write[]): Promise<R | null> {
  const batch = batchRunners.get(db);
  if (batch) {
    const rows = await batch([guard(db), ...writes(db)].map((statement) => statement.toSQL()));
    return (rows?.[0] as R | undefined) ?? null;
  }
  return db.transaction(async (tx) => {
    const [row] = await guard(tx);
    if (!row) return null;
    for (const write of writes(tx)) await write;
    return row;
  });
}
