import type { Banking77Divisions } from "../../evals/datasets/banking77/load-banking77.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import type { Embedder } from "../../src/llm/embeddings-port.js";
import { localEmbedder } from "../../src/llm/local-embeddings.js";
import { createBot } from "../../src/services/bots/bot-service.js";
import type { ServiceDeps } from "../../src/services/context.js";
import { createDivision } from "../../src/services/divisions/division-service.js";
import { botLabel } from "../../src/domain/labels.js";
import { systemClock } from "../../src/time/clock.js";

/** The local embedder with a stopwatch: bulk imports report embedding time apart from the insert. */
export type TimedEmbedder = Embedder & { spentMs: number };

export function timedEmbedder(inner: Embedder): TimedEmbedder {
  const timed: TimedEmbedder = {
    model: inner.model,
    spentMs: 0,
    async embed(texts) {
      const started = performance.now();
      try {
        return await inner.embed(texts);
      } finally {
        timed.spentMs += performance.now() - started;
      }
    },
  };
  return timed;
}

export type SemanticSubject = {
  database: Database;
  deps: ServiceDeps & { embedder: TimedEmbedder };
  botId: string;
  /** A BANKING77 label ("bot" or a division slug) → the label stored (a division id or "bot"). */
  labelFor(slug: string): string;
};

/**
 * An in-memory PGlite opened and migrated exactly as production opens the embedded database, with
 * one bot and the BANKING77 divisions (8) made through the services.
 */
export async function openSemanticSubject(divisions: Banking77Divisions): Promise<SemanticSubject> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  await runMigrations(database);
  const deps = { db: database.db, clock: systemClock, publicUrl: "http://127.0.0.1", embedder: timedEmbedder(localEmbedder) };
  const bot = await createBot(deps, {
    name: "Bench Bank",
    omnichat: { baseUrl: "http://127.0.0.1:1", accountId: 1, botToken: "bench-bot-token-0123456789" },
  });
  const ids = new Map<string, string>([[botLabel, botLabel]]);
  let teamId = 1;
  for (const division of divisions.divisions) {
    const created = await createDivision(deps, bot.id, {
      name: division.name,
      prompt: division.prompt,
      teamId: teamId++,
      keywords: [],
      examples: [],
      active: true,
      priority: null,
      labels: [],
      officeHours: null,
    });
    ids.set(division.id, created.id);
  }
  return {
    database,
    deps,
    botId: bot.id,
    labelFor(slug) {
      const id = ids.get(slug);
      if (id === undefined) throw new Error(`no division for label ${slug}`);
      return id;
    },
  };
}
