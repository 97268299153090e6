import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

describe("every database session", () => {
  it("searches HNSW indexes iteratively and wide, without a transaction per query", async () => {
    // A fresh statement outside any transaction sees the session's values.
    const rows = rowsOf<{ scan: string; ef: string }>(
      await database.db.execute(sql`select current_setting('hnsw.iterative_scan') as scan, current_setting('hnsw.ef_search') as ef`),
    );
    expect(rows[0]).toEqual({ scan: "relaxed_order", ef: "100" });
  });
});
