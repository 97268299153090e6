import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.js";
import { useBatchRunner } from "./guarded-writes.js";
import { connectDatabaseThread, type DatabaseConnection, type DatabaseLink, startDatabaseThread } from "./pglite-thread/thread-client.js";

export type { DatabaseLink } from "./pglite-thread/thread-client.js";

export type Schema = typeof schema;
/** One database type over both drivers: query code never knows which one it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `templateFile`: a dumped data directory to start from (the tests' migrated template). */
  | { kind: "pglite"; dataDir: string; templateFile?: string };

export type Database = {
  /** Every statement but the webhook's store of a delivery. */
  db: Db;
  /** The webhook's store of a delivery: on the embedded database it goes ahead of `db`'s statements. */
  ackDb: Db;
  kind: DatabaseTarget["kind"];
  /** Runs `fn` while holding a database-wide lock (several processes may start at once). */
  withExclusiveLock<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** A link for another thread of this process to the embedded database (`connectDatabase`); null on Postgres. */
  attach(): DatabaseLink | null;
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

/**
 * The embedded database plans each prepared statement once (ADR 19, amended): planning runs in
 * WebAssembly on the one database thread, where re-planning the claim for every run cost as much
 * as running it. Generic plans are safe here because our statements' selective conditions are
 * literals (`status = 'pending'`) and their parameters are keys; the claim's generic plan is held
 * to its batch by test/integration/queue-claims.test.ts.
 */
const embeddedPlanSettings = { plan_cache_mode: "force_generic_plan" } as const;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url) : openPglite(target.dataDir, target.templateFile);
}

/**
 * The embedded database runs in its own thread (src/db/pglite-thread/): SQL uses the second core,
 * and the webhook's store of a delivery goes ahead of background statements there.
 */
async function openPglite(dataDir: string, templateFile?: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const thread = await startDatabaseThread({ dataDir, templateFile, settings: { ...sessionSettings, ...embeddedPlanSettings } });
  return { ...overThread(thread), attach: () => thread.attach(), close: () => thread.close() };
}

/**
 * Another thread's database: the embedded one, through a link the opening thread attached
 * (`Database.attach`). Closing it closes this thread's link, not the database.
 */
export function connectDatabase(link: DatabaseLink): Database {
  const connection = connectDatabaseThread(link);
  return {
    ...overThread(connection),
    attach: () => null,
    close: () => {
      connection.disconnect();
      return Promise.resolve();
    },
  };
}

function overThread(connection: DatabaseConnection): Omit<Database, "attach" | "close"> {
  // drizzle's PGlite driver calls only `query`, `exec` and `transaction`, which the thread's sessions provide.
  const db = drizzlePglite({ client: connection.session as unknown as PGlite, schema, casing: "snake_case" }) as unknown as Db;
  const ackDb = drizzlePglite({ client: connection.ackSession as unknown as PGlite, schema, casing: "snake_case" }) as unknown as Db;
  useBatchRunner(db, (statements) => connection.batch(statements));
  return {
    db,
    ackDb,
    kind: "pglite",
    // PGlite is one connection in one process: nothing else can race us.
    withExclusiveLock: (fn) => fn(db),
  };
}

function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: "switchboard", ...sessionSettings } });
  const db = drizzlePostgres({ client, schema, casing: "snake_case" }) as unknown as Db;
  return Promise.resolve({
    db,
    ackDb: db,
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
    // Each thread opens its own pool.
    attach: () => null,
    close: () => client.end({ timeout: 5 }),
  });
}
