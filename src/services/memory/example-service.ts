import * as divisionsQ from "../../db/queries/divisions.js";
import * as examplesQ from "../../db/queries/examples.js";
import { analyzeVectorTables } from "../../db/queries/vector-search.js";
import type { Db } from "../../db/client.js";
import type { ExampleSource } from "../../db/schema/examples.js";
import { AppError, notFound } from "../../errors.js";
import { type DivisionExample, divisionExampleParts, intentsOfAnotherLabel, type PlacedIntent } from "../../domain/example.js";
import { botLabel } from "../../domain/labels.js";
import { newId } from "../../ids.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";
import { embedTexts } from "./embed-texts.js";
import { enqueueRouterTraining } from "./router-training.js";

export const maxExamplesPerCall = 50_000;

export type ExampleInput = { text: string; label: string; intent?: string | null | undefined };
export type ExampleView = {
  id: string;
  text: string;
  label: string;
  intent: string | null;
  source: ExampleSource;
  embeddingModel: string | null;
  createdAt: string;
};

const toView = (r: examplesQ.ExampleRow): ExampleView => ({
  id: r.id,
  text: r.text,
  label: r.label,
  intent: r.intent,
  source: r.source,
  embeddingModel: r.embeddingModel,
  createdAt: r.createdAt.toISOString(),
});

/** Labels must be one of the bot's division ids or "bot"; every bad one is reported with its index. */
async function checkLabels(db: Db, botId: string, items: ExampleInput[]): Promise<void> {
  const known = new Set([botLabel, ...(await divisionsQ.listDivisions(db, botId)).map((d) => d.id)]);
  const errors = items.flatMap((e, i) =>
    known.has(e.label) ? [] : [{ path: `examples.${String(i)}.label`, message: `"${e.label}" is neither a division id of this bot nor "bot"` }],
  );
  if (errors.length > 0) throw new AppError("validation_failed", `${String(errors.length)} example(s) have an unknown label`, { errors: errors.slice(0, 100) });
  await checkIntents(
    db,
    botId,
    items.map((e, i) => ({ path: `examples.${String(i)}.intent`, label: e.label, intent: e.intent })),
  );
}

/** Refuses examples whose intent already belongs to another label that trains (see intentsOfAnotherLabel). */
async function checkIntents(db: Db, botId: string, items: PlacedIntent[]): Promise<void> {
  if (!items.some((e) => e.intent)) return;
  // A deleted division's examples stay in the store but no longer train: their intents are free.
  const labels = [botLabel, ...(await divisionsQ.listDivisions(db, botId)).map((d) => d.id)];
  const owners = new Map((await examplesQ.intentLabels(db, botId, labels)).map((r) => [r.intent, r.label]));
  const errors = intentsOfAnotherLabel(items, owners);
  if (errors.length > 0)
    throw new AppError("validation_failed", `${String(errors.length)} example(s) have an intent of another label`, { errors: errors.slice(0, 100) });
}

/** Embeds and stores examples (in one transaction); the caller has checked the labels. */
export async function storeExamples(
  deps: Pick<ServiceDeps, "embedder" | "clock">,
  tx: Db,
  botId: string,
  items: ExampleInput[],
  source: ExampleSource,
): Promise<string[]> {
  const vectors = await embedTexts(
    deps.embedder,
    items.map((e) => e.text),
  );
  const now = deps.clock.now().toJSDate();
  const rows = items.map((e, i) => ({
    id: newId("ex"),
    botId,
    text: e.text,
    label: e.label,
    intent: e.intent ?? null,
    source,
    embedding: vectors[i] ?? null,
    embeddingModel: deps.embedder.model,
    createdAt: now,
  }));
  await examplesQ.insertExamples(tx, rows);
  await enqueueRouterTraining(tx, botId, now);
  return rows.map((r) => r.id);
}

/** `POST /examples`: up to 50,000 labelled examples in one call, all or nothing. */
export async function addExamples(deps: ServiceDeps, botId: string, items: ExampleInput[], source: ExampleSource = "admin"): Promise<{ added: number }> {
  await requireBot(deps.db, botId);
  await checkLabels(deps.db, botId, items);
  await deps.db.transaction((tx) => storeExamples(deps, tx, botId, items, source));
  await analyzeVectorTables(deps.db);
  return { added: items.length };
}

export async function listExamples(
  deps: ServiceDeps,
  botId: string,
  opts: { after: number; limit: number; label?: string | undefined; intent?: string | undefined; source?: string | undefined },
): Promise<{ items: ExampleView[]; total: number; nextCursor: number | null }> {
  await requireBot(deps.db, botId);
  const rows = await examplesQ.listExamples(deps.db, botId, opts);
  const last = rows.at(-1);
  return { items: rows.map(toView), total: await examplesQ.countExamples(deps.db, botId), nextCursor: rows.length === opts.limit && last ? last.seq : null };
}

export async function deleteExample(deps: ServiceDeps, botId: string, id: string): Promise<void> {
  await requireBot(deps.db, botId);
  await deps.db.transaction(async (tx) => {
    if (!(await examplesQ.deleteExample(tx, botId, id))) throw notFound("example", id);
    await enqueueRouterTraining(tx, botId, deps.clock.now().toJSDate());
  });
}

/**
 * A division's own `examples` list, mirrored into the store (labelled with the division, with their
 * intents); an intent that belongs to another label is refused at `examples.<i>.intent`.
 */
export async function syncDivisionExamples(deps: ServiceDeps, tx: Db, botId: string, divisionId: string, items: DivisionExample[]): Promise<void> {
  await examplesQ.deleteDivisionExamples(tx, botId, divisionId);
  const labelled = items.map((item) => ({ ...divisionExampleParts(item), label: divisionId }));
  await checkIntents(
    tx,
    botId,
    labelled.map((e, i) => ({ path: `examples.${String(i)}.intent`, label: e.label, intent: e.intent })),
  );
  // storeExamples asks for the router's training, also for an emptied list.
  await storeExamples(deps, tx, botId, labelled, "division");
}
