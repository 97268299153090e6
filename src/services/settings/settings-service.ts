import * as settingsQ from "../../db/queries/bot-settings.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import type { OfficeHours } from "../../domain/office-hours.js";
import type { Settings } from "../../domain/settings.js";
import { invalid, notFound } from "../../errors.js";
import type { ServiceDeps } from "../context.js";

async function requireSettingsRow(deps: ServiceDeps, botId: string) {
  const row = await settingsQ.findBotSettings(deps.db, botId);
  if (!row) throw notFound("bot", botId);
  return row;
}

export async function getSettings(deps: ServiceDeps, botId: string): Promise<Settings> {
  return (await requireSettingsRow(deps, botId)).settings;
}

export async function putSettings(deps: ServiceDeps, botId: string, settings: Settings): Promise<Settings> {
  await requireSettingsRow(deps, botId);
  if (settings.defaultDivisionId !== null) {
    const division = await divisionsQ.findDivision(deps.db, botId, settings.defaultDivisionId);
    if (!division) throw invalid("defaultDivisionId", "is not a division of this bot");
  }
  const row = await settingsQ.updateBotSettings(deps.db, botId, {
    settings,
    updatedAt: deps.clock.now().toJSDate(),
  });
  if (!row) throw notFound("bot", botId);
  return row.settings;
}

export async function getOfficeHours(deps: ServiceDeps, botId: string): Promise<OfficeHours> {
  return (await requireSettingsRow(deps, botId)).officeHours;
}

export async function putOfficeHours(deps: ServiceDeps, botId: string, officeHours: OfficeHours): Promise<OfficeHours> {
  const row = await settingsQ.updateBotSettings(deps.db, botId, {
    officeHours,
    updatedAt: deps.clock.now().toJSDate(),
  });
  if (!row) throw notFound("bot", botId);
  return row.officeHours;
}
