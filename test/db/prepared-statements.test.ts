import { PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPreparedStatements, preparedStatementCapacity } from "../../src/db/pglite-thread/prepared-statements.js";

// The database thread runs every statement with parameters through a named prepared statement
// (src/db/pglite-thread/prepared-statements.js). Its answers must be PGlite's own `query`'s.

let pg: PGlite;
let prepared: ReturnType<typeof createPreparedStatements>;
beforeAll(async () => {
  pg = await PGlite.create("memory://");
  await pg.exec(`create table probe (id int primary key, tags text[], doc jsonb, at timestamptz, note text)`);
  prepared = createPreparedStatements(pg);
});
afterAll(async () => {
  await pg.close();
});

const insert = `insert into probe (id, tags, doc, at, note) values ($1, $2, $3::jsonb, $4, $5) returning id, tags, doc, at, note`;
const select = `select id, tags, doc, at, note from probe where id = any($1::int[]) order by id`;
const preparedCount = async () => (await pg.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`)).rows[0]?.n;

describe("prepared statements on the embedded database", () => {
  it("answers as PGlite's query does: rows, fields, affected rows, both row modes and raw-text parsers", async () => {
    const params = [1, ["a", "b"], JSON.stringify({ k: [1] }), "2026-01-15T02:30:00Z", null];
    const viaPrepared = await prepared.query(insert, params, {}, false);
    const viaQuery = await pg.query(select, [[1]]);
    expect(viaPrepared.rows).toEqual(viaQuery.rows);
    expect(viaPrepared.fields).toEqual(viaQuery.fields);
    expect(viaPrepared.affectedRows).toBe(1);
    expect(viaQuery.rows).toEqual([{ id: 1, tags: ["a", "b"], doc: { k: [1] }, at: new Date("2026-01-15T02:30:00Z"), note: null }]);

    await pg.query(insert, [2, [], "null", null, "two"]);
    for (const rowMode of ["object", "array"] as const) {
      const options = { rowMode, parsers: { [types.TIMESTAMPTZ]: (v: string) => v } };
      const again = await prepared.query(select, [[1, 2]], options, false);
      expect(again.rows).toEqual((await pg.query(select, [[1, 2]], options)).rows);
    }
    expect((await prepared.query(select, [[1]], { rowMode: "array" }, false)).rows).toEqual([
      [1, ["a", "b"], { k: [1] }, new Date("2026-01-15T02:30:00Z"), null],
    ]);
    const updated = await prepared.query(`update probe set note = $1 where id <= $2`, ["seen", 2], {}, false);
    expect(updated.affectedRows).toBe(2);
  });

  it("passes errors on with their SQLSTATE and keeps working after one", async () => {
    const duplicate = await prepared.query(insert, [1, [], "{}", null, null], {}, false).catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: "23505", constraint: "probe_pkey" });
    expect((await prepared.query(select, [[1]], {}, false)).rows).toHaveLength(1);
    const syntax = await prepared.query(`selec id from probe where id = $1`, [1], {}, false).catch((error: unknown) => error);
    expect(syntax).toMatchObject({ code: "42601" });
  });

  it("writes inside a transaction only when it commits", async () => {
    await pg.exec("begin");
    await prepared.query(insert, [10, [], "{}", null, "rolled back"], {}, true);
    expect((await prepared.query(select, [[10]], {}, true)).rows).toHaveLength(1);
    await pg.exec("rollback");
    expect((await prepared.query(select, [[10]], {}, false)).rows).toHaveLength(0);
  });

  it("prepares a statement again when a table changed under it", async () => {
    const star = `select * from probe where id = $1`;
    expect(Object.keys((await prepared.query(star, [1], {}, false)).rows[0] ?? {})).not.toContain("extra");
    await pg.exec(`alter table probe add column extra int default 7`);
    // Postgres refuses the old plan once (its result type changed); the next run prepares anew.
    const changed = await prepared.query(star, [1], {}, false).catch((error: unknown) => error);
    expect(changed).toMatchObject({ code: "0A000" });
    expect((await prepared.query(star, [1], {}, false)).rows[0]).toMatchObject({ id: 1, extra: 7 });
  });

  it("closes the least recently used statement beyond its capacity, and prepares it again when it comes back", async () => {
    const before = (await preparedCount()) ?? 0;
    const shape = (n: number) => `select $1::int + ${String(n)} as v`;
    for (let n = 0; n < preparedStatementCapacity + 20; n++) await prepared.query(shape(n), [1], {}, false);
    expect(await preparedCount()).toBeLessThanOrEqual(preparedStatementCapacity);
    expect(await preparedCount()).toBeGreaterThan(before);
    expect((await prepared.query(shape(0), [1], {}, false)).rows).toEqual([{ v: 1 }]);
  });
});
