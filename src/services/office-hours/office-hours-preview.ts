import * as settingsQ from "../../db/queries/bot-settings.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import type { OfficeHours } from "../../domain/office-hours.js";
import { invalid, notFound } from "../../errors.js";
import { formatNextOpening } from "./format-next-opening.js";
import { isOpenAt, nextOpeningAfter } from "./office-hours.js";
import type { ServiceDeps } from "../context.js";

export type OfficeHoursPreviewInput = {
  /** An unsaved schedule to try; otherwise the division's own hours, else the bot's. */
  officeHours?: OfficeHours | undefined;
  divisionId?: string | undefined;
};

/**
 * "Now: open or closed, and the next opening", computed with the very code a handover uses
 * (src/services/turn/effects/availability.ts), so the console shows what a customer would be told.
 */
export async function previewOfficeHours(deps: ServiceDeps, botId: string, input: OfficeHoursPreviewInput) {
  const settings = await settingsQ.findBotSettings(deps.db, botId);
  if (!settings) throw notFound("bot", botId);
  let schedule = settings.officeHours;
  let source: "draft" | "division" | "bot" = "bot";
  if (input.divisionId !== undefined) {
    const division = await divisionsQ.findDivision(deps.db, botId, input.divisionId);
    if (!division) throw invalid("divisionId", `"${input.divisionId}" is not a division of this bot`);
    if (division.officeHours) [schedule, source] = [division.officeHours, "division"];
  }
  if (input.officeHours) [schedule, source] = [input.officeHours, "draft"];

  const now = deps.clock.now().setZone(schedule.timezone);
  const open = isOpenAt(schedule, now);
  const opening = open ? null : nextOpeningAfter(schedule, now);
  const today = now.toISODate();
  return {
    source,
    timeZone: schedule.timezone,
    now: now.toISO() ?? "",
    open,
    holiday: schedule.holidays.find((h) => h.date === today)?.name ?? null,
    nextOpeningAt: opening?.toISO() ?? null,
    nextOpening: opening ? formatNextOpening(opening, now) : null,
  };
}
