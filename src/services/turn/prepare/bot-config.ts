import type { Db } from "../../../db/client.js";
import * as settingsQ from "../../../db/queries/bot-settings.js";
import type { BotRow } from "../../../db/queries/bots.js";
import * as divisionsQ from "../../../db/queries/divisions.js";
import type { OfficeHours } from "../../../domain/office-hours.js";
import type { Settings } from "../../../domain/settings.js";
import type { CompiledFlow } from "../../flows/compiled-flow.js";
import { loadActiveFlows } from "../../flows/load-flows.js";
import { PermanentJobError } from "../../queue/queue-worker.js";
import type { DivisionInfo } from "../decide/turn-context.js";

/** What a turn reads of its bot's configuration. */
export type BotConfig = { settings: Settings; officeHours: OfficeHours; divisions: DivisionInfo[]; flows: CompiledFlow[] };

export type BotConfigSource = (bot: Pick<BotRow, "id" | "configVersion">) => Promise<BotConfig>;

/** Reads the configuration from the database every time (the simulator's and the evals' way). */
export const readBotConfig =
  (db: Db): BotConfigSource =>
  async (bot) => {
    const row = await settingsQ.findBotSettings(db, bot.id);
    if (!row) throw new PermanentJobError(`bot ${bot.id} has no settings`);
    return {
      settings: row.settings,
      officeHours: row.officeHours,
      divisions: await divisionsQ.listDivisions(db, bot.id),
      flows: await loadActiveFlows(db, bot.id),
    };
  };

/**
 * The configuration per bot, kept while the bot row's `configVersion` stays the same: database
 * triggers bump it on every change to settings, divisions or flows (migration 0008), so a turn
 * never reads a stale configuration, and an unchanged one costs no query.
 */
export function cachedBotConfig(db: Db, maxBots = 1000): BotConfigSource {
  const read = readBotConfig(db);
  const cache = new Map<string, { version: number; config: Promise<BotConfig> }>();
  return (bot) => {
    const hit = cache.get(bot.id);
    if (hit && hit.version === bot.configVersion) return hit.config;
    const config = read(bot);
    // A failed read is not kept: the next turn tries again.
    config.catch(() => cache.delete(bot.id));
    if (cache.size >= maxBots) cache.delete(cache.keys().next().value ?? "");
    cache.set(bot.id, { version: bot.configVersion, config });
    return config;
  };
}
