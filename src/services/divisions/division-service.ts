import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import * as settingsQ from "../../db/queries/bot-settings.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import type { DivisionInput, DivisionPatch } from "../../domain/division.js";
import { AppError, conflict, notFound } from "../../errors.js";
import { newId } from "../../ids.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";
import { syncDivisionExamples } from "../memory/example-service.js";
import { enqueueRouterTraining } from "../memory/router-training.js";
import { type DivisionView, type PromptVersionView, toDivisionView, toPromptVersionView } from "./division-view.js";

async function requireDivision(db: Db, botId: string, id: string) {
  await requireBot(db, botId);
  const row = await divisionsQ.findDivision(db, botId, id);
  if (!row) throw notFound("division", id);
  return row;
}

function duplicateName(name: string) {
  return conflict(`a division named "${name}" already exists in this bot`, "name");
}

/** Inserts a division and its first prompt version, inside the caller's transaction. */
export async function insertDivisionWithVersion(deps: ServiceDeps, tx: Db, botId: string, input: DivisionInput): Promise<DivisionView> {
  const now = deps.clock.now().toJSDate();
  const row = await divisionsQ.insertDivision(tx, {
    id: newId("div"),
    botId,
    ...input,
    promptVersion: 1,
    createdAt: now,
    updatedAt: now,
  });
  await divisionsQ.insertPromptVersion(tx, { divisionId: row.id, version: 1, prompt: row.prompt, createdAt: now });
  if (row.examples.length > 0) await syncDivisionExamples(deps, tx, botId, row.id, row.examples);
  if (row.keywords.length > 0) await enqueueRouterTraining(tx, botId, now);
  return toDivisionView(row);
}

export async function createDivision(deps: ServiceDeps, botId: string, input: DivisionInput): Promise<DivisionView> {
  await requireBot(deps.db, botId);
  try {
    return await deps.db.transaction((tx) => insertDivisionWithVersion(deps, tx, botId, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
}

export async function listDivisions(deps: ServiceDeps, botId: string): Promise<DivisionView[]> {
  await requireBot(deps.db, botId);
  return (await divisionsQ.listDivisions(deps.db, botId)).map(toDivisionView);
}

export async function getDivision(deps: ServiceDeps, botId: string, id: string): Promise<DivisionView> {
  return toDivisionView(await requireDivision(deps.db, botId, id));
}

/** Applies a patch; a changed prompt becomes a new version. */
export async function patchDivision(deps: ServiceDeps, botId: string, id: string, patch: DivisionPatch, restoredFrom?: number): Promise<DivisionView> {
  const current = await requireDivision(deps.db, botId, id);
  const now = deps.clock.now().toJSDate();
  const promptChanged = patch.prompt !== undefined && patch.prompt !== current.prompt;
  try {
    return await deps.db.transaction(async (tx) => {
      const nextVersion = promptChanged ? current.promptVersion + 1 : current.promptVersion;
      if (promptChanged && patch.prompt !== undefined) {
        await divisionsQ.insertPromptVersion(tx, {
          divisionId: id,
          version: nextVersion,
          prompt: patch.prompt,
          restoredFrom: restoredFrom ?? null,
          createdAt: now,
        });
      }
      const row = await divisionsQ.updateDivision(tx, id, { ...patch, promptVersion: nextVersion, updatedAt: now });
      if (row && patch.examples) await syncDivisionExamples(deps, tx, botId, id, patch.examples);
      if (row && patch.keywords) await enqueueRouterTraining(tx, botId, now);
      if (!row) throw notFound("division", id);
      return toDivisionView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(patch.name ?? current.name);
    throw error;
  }
}

export async function deleteDivision(deps: ServiceDeps, botId: string, id: string): Promise<void> {
  await requireDivision(deps.db, botId, id);
  const settings = await settingsQ.findBotSettings(deps.db, botId);
  if (settings?.settings.defaultDivisionId === id) {
    throw conflict("this division is the bot's default division; change settings.defaultDivisionId first");
  }
  await deps.db.transaction(async (tx) => {
    await divisionsQ.deleteDivision(tx, botId, id);
    // Its examples stay (the label may come back in an import) but no longer train the router.
    await enqueueRouterTraining(tx, botId, deps.clock.now().toJSDate());
  });
}

export async function listPromptVersions(deps: ServiceDeps, botId: string, id: string): Promise<PromptVersionView[]> {
  const division = await requireDivision(deps.db, botId, id);
  const rows = await divisionsQ.listPromptVersions(deps.db, id);
  return rows.map((r) => toPromptVersionView(r, division.promptVersion));
}

/** Restoring makes the old prompt current again as a new version, so history is never rewritten. */
export async function restorePromptVersion(deps: ServiceDeps, botId: string, id: string, version: number): Promise<DivisionView> {
  const division = await requireDivision(deps.db, botId, id);
  const old = await divisionsQ.findPromptVersion(deps.db, id, version);
  if (!old) throw notFound("prompt version", String(version));
  if (old.prompt === division.prompt) {
    throw new AppError("conflict", `version ${version} is already the current prompt`);
  }
  return patchDivision(deps, botId, id, { prompt: old.prompt }, version);
}
