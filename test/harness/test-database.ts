import postgres from "postgres";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";

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
  const name = `sb_test_${String(process.pid)}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: target.toString() });
  await runMigrations(database);
  return {
    ...database,
    async cleanup() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
