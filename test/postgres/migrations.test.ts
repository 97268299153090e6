import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";

// Runs only in `npm run test:postgres`, against a real server with pgvector.
const url = process.env.TEST_DATABASE_URL ?? "";
const name = `sb_migrations_${String(process.pid)}`;
const admin = postgres(url, { max: 1, onnotice: () => undefined });
const target = new URL(url);
target.pathname = `/${name}`;

beforeAll(async () => {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
});
afterAll(async () => {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe("migrations on real Postgres", () => {
  it("runs on PostgreSQL 17 with pgvector", async () => {
    const [row] = await admin<{ server_version_num: string }[]>`show server_version_num`;
    expect(Number(row?.server_version_num)).toBeGreaterThanOrEqual(170000);
  });

  it("apply cleanly, concurrently from two processes' worth of connections, and again as a no-op", async () => {
    const a = await openDatabase({ kind: "postgres", url: target.toString() });
    const b = await openDatabase({ kind: "postgres", url: target.toString() });
    try {
      // Two instances starting at once: the advisory lock serialises them.
      await Promise.all([runMigrations(a), runMigrations(b)]);
      await runMigrations(a);
    } finally {
      await a.close();
      await b.close();
    }
    const sql = postgres(target.toString(), { max: 1, onnotice: () => undefined });
    try {
      const ext = await sql<{ extversion: string }[]>`select extversion from pg_extension where extname = 'vector'`;
      expect(ext[0]?.extversion).toMatch(/^0\.\d+\.\d+$/);
      const tables = await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public' order by 1`;
      expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(["admin_tokens", "bot_settings", "bots", "division_prompt_versions", "divisions"]));
      const applied = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(applied[0]?.n).toBeGreaterThanOrEqual(2);
      // pgvector really works: a cosine distance between two vectors.
      const [d] = await sql<{ d: number }[]>`select ('[1,0,0]'::vector <=> '[0,1,0]'::vector)::float8 as d`;
      expect(d?.d).toBeCloseTo(1);
    } finally {
      await sql.end();
    }
  });
});
