import type { Db } from "./client.js";

/**
 * Statements built once per database handle. On the embedded database drizzle's query builder
 * costs more than many statements themselves (about 1 ms to build and map a lookup by key that
 * PGlite answers in 0.3 ms), and the hot path runs a few dozen statements a turn. Only for
 * statements that never run inside a transaction: a prepared statement runs on the handle it was
 * built on, outside any transaction.
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (statements === undefined) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}
