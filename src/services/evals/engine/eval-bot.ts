import type { Embedder } from "../../../llm/embeddings-port.js";
import { localEmbedder } from "../../../llm/local-embeddings.js";
import { type Database, openDatabase } from "../../../db/client.js";
import { runMigrations } from "../../../db/migrate.js";
import type { BotImport } from "../../../domain/bot-export.js";
import type { ServiceDeps } from "../../context.js";
import { type ImportedBot, importBot } from "../../bots/export-service.js";
import { type TrainingOutcome, trainRouterNow } from "../../memory/router-training.js";
import { fixedClock } from "../../../time/clock.js";
import { evalPublicUrl } from "./run-eval.js";

/** A bot export imported for an eval run, and how to read its division ids as the export's keys. */
export type EvalBot = {
  database: Database;
  botId: string;
  /** Division id the import made → the export's division key (the dataset's label). */
  divisionLabels: Record<string, string>;
  /** What training the bot's router gave (no router: keywords and the nearest examples decide). */
  router: TrainingOutcome;
};

/** The import maps export keys to new ids; a report speaks in keys, so invert it. */
export function divisionLabelsOf(imported: Pick<ImportedBot, "divisionIds">): Record<string, string> {
  return Object.fromEntries(Object.entries(imported.divisionIds).map(([key, id]) => [id, key]));
}

/**
 * Imports into `deps.db` through the production import, as an admin's `POST /v1/bots/import`
 * would, then trains its router at once (in production the queue does it moments later).
 */
export async function importEvalBot(deps: ServiceDeps, doc: BotImport): Promise<Omit<EvalBot, "database">> {
  const imported = await importBot(deps, doc);
  const router = await trainRouterNow(deps, imported.id);
  return { botId: imported.id, divisionLabels: divisionLabelsOf(imported), router };
}

/** What an eval import runs with: the run's fixed clock, a placeholder public URL, the run's embedder. */
export const evalImportDeps = (db: ServiceDeps["db"], startedAt: Date, embedder: Embedder): ServiceDeps => ({
  db,
  clock: fixedClock(startedAt.toISOString()),
  publicUrl: evalPublicUrl,
  embedder,
});

/** A throwaway in-memory database with the production migrations and the bot imported. */
export async function openEvalBot(doc: BotImport, startedAt: Date, embedder: Embedder = localEmbedder): Promise<EvalBot> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    await runMigrations(database);
    const bot = await importEvalBot(evalImportDeps(database.db, startedAt, embedder), doc);
    return { database, ...bot };
  } catch (error) {
    await database.close();
    throw error;
  }
}
