import { fileURLToPath } from "node:url";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database, Schema } from "./client.js";

export const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Applies the generated migrations; the same files run on PGlite and Postgres. */
export async function runMigrations(database: Database): Promise<void> {
  await database.withExclusiveLock(async (db) => {
    if (database.kind === "pglite") {
      await migratePglite(db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePostgres(db as unknown as PostgresJsDatabase<Schema>, { migrationsFolder });
    }
  });
}
