import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** One database type over both drivers: query code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export type Database = {
  db: Db;
  kind: DatabaseTarget["kind"];
  /** Runs `fn` while holding a database-wide lock (several processes may start at once). */
  withExclusiveLock<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const migrationLockKey = 7_311_996_001;

/**
 * Settings every nearest-neighbour query wants, for the whole session rather than per query (a
 * `SET LOCAL` needs a transaction, three more round trips per search): the iterative index scan
 * keeps the HNSW index useful under the per-bot filter (it scans on until k rows pass), and a wider
 * search than the default 40 keeps recall near 0.98 at 100k rows.
 */
export const sessionSettings = { "hnsw.iterative_scan": "relaxed_order", "hnsw.ef_search": "100" } as const;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url) : openPglite(target.dataDir);
}

/** An embedded database is one session: the settings are set on it once. */
export async function applySessionSettings(client: PGlite): Promise<void> {
  for (const [name, value] of Object.entries(sessionSettings)) await client.query(`SELECT set_config($1, $2, false)`, [name, value]);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { extensions: { vector } });
  await applySessionSettings(client);
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    // PGlite is one connection in one process: nothing else can race us.
    withExclusiveLock: (fn) => fn(db),
    close: () => client.close(),
  };
}

function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: "switchboard", ...sessionSettings } });
  const db = drizzlePostgres({ client, schema, casing: "snake_case" }) as unknown as Db;
  return Promise.resolve({
    db,
    kind: "postgres",
    async withExclusiveLock(fn) {
      // An advisory lock belongs to one connection, so the work runs on a dedicated single-connection client.
      const single = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await single`select pg_advisory_lock(${migrationLockKey})`;
        const lockedDb: Db = drizzlePostgres({ client: single, schema, casing: "snake_case" });
        return await fn(lockedDb);
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  });
}
