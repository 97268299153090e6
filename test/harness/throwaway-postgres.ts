import postgres from "postgres";
import { type Database, openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";

/**
 * A new, migrated database named `name` on the Postgres server at `serverUrl` (one left over by
 * an earlier run of the same name is dropped first); `drop` closes it and drops it.
 */
export async function openThrowawayPostgres(serverUrl: string, name: string): Promise<Database & { drop(): Promise<void> }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: target.toString() });
  await runMigrations(database);
  return {
    ...database,
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
