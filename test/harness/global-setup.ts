import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "../../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Runs the real migrations once into a PGlite and saves its data directory; each test file then
 * starts from a copy (≈0.3 s) instead of running initdb and the migrations again (≈2–4 s).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "switchboard-test-"));
  const file = join(dir, "template.tar");
  // In this thread rather than the database's own (src/db/pglite-thread/), to dump the directory.
  const client = await PGlite.create({ extensions: { vector } });
  await migrate(drizzle({ client, casing: "snake_case" }), { migrationsFolder });
  writeFileSync(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
  await client.close();
  project.provide("pgliteTemplate", file);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
