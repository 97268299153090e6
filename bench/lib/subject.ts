import { localEmbedder } from "../../src/llm/local-embeddings.js";
import pino from "pino";
import { z } from "zod";
import { type App, createApp } from "../../src/app.js";
import { type Database, type Db, openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { setUpAdminToken } from "../../src/services/auth/admin-token.js";
import { inboxClientFactory } from "../../src/services/inbox/inbox-clients.js";
import { createPipeline } from "../../src/services/pipeline.js";
import type { PipelineDeps } from "../../src/services/pipeline-deps.js";
import { systemClock } from "../../src/time/clock.js";
import { botBody } from "../../test/fixtures/bots.js";

export const benchAdminToken = "bench-admin-token-0123456789abcdef";

export type Subject = {
  app: App;
  deps: PipelineDeps;
  database: Database;
  bot: { id: string; webhookPath: string; token: string };
  /** Only with `canSkipWrites`: makes `db.transaction` answer "stored" without touching the database. */
  skipWrites(on: boolean): void;
};

const CreatedBot = z.object({ id: z.string(), webhookUrl: z.string() });

/**
 * The real app as main.ts builds it, but on an in-memory, migrated PGlite and a silent logger, with
 * one bot (no signing secret) made through the admin API. The queue worker is built, never started.
 *
 * `canSkipWrites` wraps the database so the insert transaction can be switched off, a diagnostic
 * that isolates its cost; without it the app gets the database untouched.
 */
export async function createSubject(options: { canSkipWrites?: boolean } = {}): Promise<Subject> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await runMigrations(database);

  let skipping = false;
  const db: Db = options.canSkipWrites
    ? new Proxy(database.db, {
        get(target, property, receiver) {
          if (property === "transaction" && skipping) return () => Promise.resolve(true);
          return Reflect.get(target, property, receiver) as unknown;
        },
      })
    : database.db;

  const deps = { db, clock: systemClock, publicUrl: "http://127.0.0.1", embedder: localEmbedder };
  const admin = await setUpAdminToken(deps, benchAdminToken);
  const pipeline = createPipeline({ ...deps, logger: pino({ level: "silent" }), llmBudget: null, inboxFor: inboxClientFactory() });
  const app = createApp({ ...pipeline.deps, verifyAdminToken: admin.verify });

  const res = await app.request("/v1/bots", {
    method: "POST",
    headers: { authorization: `Bearer ${benchAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify(botBody({ name: "Bench Bank", signingSecret: undefined })),
  });
  if (res.status !== 201) throw new Error(`creating the bench bot answered ${String(res.status)}: ${await res.text()}`);
  const created = CreatedBot.parse(await res.json());
  const webhookPath = new URL(created.webhookUrl).pathname;

  return {
    app,
    deps: pipeline.deps,
    database,
    bot: { id: created.id, webhookPath, token: webhookPath.split("/").at(-1) ?? "" },
    skipWrites(on) {
      if (on && !options.canSkipWrites) throw new Error("createSubject: built without canSkipWrites");
      skipping = on;
    },
  };
}
