import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../src/db/rows.js";
import { setUpAdminToken } from "../../src/services/auth/admin-token.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

describe("admin token", () => {
  it("generates a token on first start, stores only its hash, and never shows it again", async () => {
    const first = await setUpAdminToken({ db: database.db }, undefined);
    expect(first.generatedToken).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    const token = first.generatedToken ?? "";
    expect(first.verify(token)).toBe(true);
    expect(first.verify(`${token}x`)).toBe(false);

    const stored = await database.db.execute(sql`select token_hash from admin_tokens`);
    const rows = rowsOf<{ token_hash: string }>(stored);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);

    const second = await setUpAdminToken({ db: database.db }, undefined);
    expect(second.generatedToken).toBeUndefined();
    expect(second.verify(token)).toBe(true);
  });

  it("uses ADMIN_TOKEN when it is set, ignoring a stored hash", async () => {
    const setup = await setUpAdminToken({ db: database.db }, "configured-token-123456");
    expect(setup.generatedToken).toBeUndefined();
    expect(setup.verify("configured-token-123456")).toBe(true);
    expect(setup.verify("configured-token-12345")).toBe(false);
  });
});
