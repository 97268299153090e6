import { fillPlaceholders } from "drizzle-orm";
import type { Db } from "./client.js";
import type { Write } from "./guarded-writes.js";

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

type PreparedStatement<R> = { execute(values: Record<string, unknown>): Promise<R>; getQuery(): { sql: string; params: unknown[] } };

/**
 * A prepared statement and its values as a `Write`: awaiting it runs it; `toSQL` gives the text
 * built once with the values filled in as drizzle fills its own prepared statements, so a batch of
 * a turn's writes costs no query building.
 */
export function preparedWrite<R>(statement: PreparedStatement<R>, values: Record<string, unknown>): Write<R> {
  return {
    then: (onfulfilled, onrejected) => statement.execute(values).then(onfulfilled, onrejected),
    toSQL: () => {
      const query = statement.getQuery();
      return { sql: query.sql, params: fillPlaceholders(query.params, values) };
    },
  };
}
