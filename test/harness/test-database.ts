import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { openThrowawayPostgres } from "./throwaway-postgres.js";

export type TestDatabase = Database & { cleanup(): Promise<void> };

/**
 * A fresh, migrated database for one test file: PGlite from the migrated template, or, when
 * TEST_DATABASE_URL is set (the Postgres suite), a new database on that server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? createPostgresDatabase(url) : createPgliteDatabase();
}

/** The embedded database as the service runs it (its own thread), from the migrated template. */
async function createPgliteDatabase(): Promise<TestDatabase> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://", templateFile: inject("pgliteTemplate") });
  return { ...database, cleanup: () => database.close() };
}

async function createPostgresDatabase(url: string): Promise<TestDatabase> {
  const database = await openThrowawayPostgres(url, `sb_test_${String(process.pid)}_${Math.random().toString(36).slice(2, 10)}`);
  return { ...database, cleanup: () => database.drop() };
}
