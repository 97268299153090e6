import type { DateTime } from "luxon";
import type { OfficeHours } from "../../../domain/office-hours.js";
import type { Settings } from "../../../domain/settings.js";
import { formatNextOpening } from "../../office-hours/format-next-opening.js";
import { isOpenAt, nextOpeningAfter } from "../../office-hours/office-hours.js";
import type { Presence } from "../../inbox/presence.js";
import type { DivisionInfo } from "../decide/turn-context.js";

/** Can the division take the conversation now? Decides which message the customer gets. */
export type Availability =
  | { kind: "available"; presence: Presence["status"] }
  | { kind: "closed"; nextOpening: string | null; nextOpeningAt: string | null }
  | { kind: "offline"; presence: Presence["status"] };

/** The division's own office hours when it has them, else the bot's. */
export const scheduleFor = (division: DivisionInfo, botHours: OfficeHours) => division.officeHours ?? botHours;

/**
 * Office hours first (no point asking who is online when the division is closed), then presence:
 * anyone online who can take the division's conversation (services/inbox/presence.ts). Only busy
 * agents are treated as `presenceBusy` says (by default as offline, as Chatwoot's auto-assignment
 * does); unknown presence (no inbox admin token, or the inbox failing) as `presenceUnknown` says.
 */
export async function checkAvailability(args: {
  schedule: OfficeHours;
  now: DateTime;
  settings: Settings;
  presence: () => Promise<Presence>;
}): Promise<Availability> {
  const { schedule, now } = args;
  if (!isOpenAt(schedule, now)) {
    const opening = nextOpeningAfter(schedule, now);
    return { kind: "closed", nextOpening: opening ? formatNextOpening(opening, now) : null, nextOpeningAt: opening?.toISO() ?? null };
  }
  const presence = await args.presence();
  if (presence.status === "offline") return { kind: "offline", presence: "offline" };
  if (presence.status === "busy" && args.settings.presenceBusy === "assume_offline") return { kind: "offline", presence: "busy" };
  if (presence.status === "unknown" && args.settings.presenceUnknown === "assume_offline") return { kind: "offline", presence: "unknown" };
  return { kind: "available", presence: presence.status };
}
