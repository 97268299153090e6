import * as settingsQ from "../../db/queries/bot-settings.js";
import * as botsQ from "../../db/queries/bots.js";
import { type OfficeHours, officeHoursSchema } from "../../domain/office-hours.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { InboxApiError } from "../../inbox/inbox-api-error.js";
import { officeHoursFromInbox } from "./working-hours.js";
import type { PipelineDeps } from "../pipeline-deps.js";

/** What importing the inbox's working hours needs. */
export type OfficeHoursImportDeps = Pick<PipelineDeps, "db" | "clock" | "inboxFor">;

/** Replaces the bot's weekly office hours with the inbox's working hours, keeping our holidays. */
export async function importOfficeHoursFromInbox(deps: OfficeHoursImportDeps, botId: string): Promise<OfficeHours> {
  const bot = await botsQ.findBot(deps.db, botId);
  const settings = await settingsQ.findBotSettings(deps.db, botId);
  if (!bot || !settings) throw notFound("bot", botId);
  if (bot.omnichatInboxId === null) throw invalid("omnichat.inboxId", "set the bot's inbox id to import its working hours");
  if (bot.omnichatAdminToken === null) throw invalid("omnichat.adminToken", "reading an inbox's working hours needs an administrator token");
  const client = deps.inboxFor(bot);
  if (!client) throw invalid("omnichat", "the bot has no inbox credentials");
  let inbox;
  try {
    inbox = await client.getInbox(bot.omnichatInboxId);
  } catch (error) {
    if (error instanceof InboxApiError) throw new AppError("upstream_failed", `The inbox refused: ${error.message}`, { cause: error });
    throw error;
  }
  const converted = officeHoursFromInbox(inbox);
  const parsed = officeHoursSchema.safeParse({ ...converted, holidays: settings.officeHours.holidays });
  if (!parsed.success) throw new AppError("upstream_failed", `The inbox's working hours are not usable: ${parsed.error.message}`);
  const row = await settingsQ.updateBotSettings(deps.db, botId, { officeHours: parsed.data, updatedAt: deps.clock.now().toJSDate() });
  if (!row) throw notFound("bot", botId);
  return row.officeHours;
}
