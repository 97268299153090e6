import type { OfficeHours, WeeklySlot } from "../../domain/office-hours.js";
import type { InboxWorkingHours } from "../../inbox/inbox-client.js";

/** Chatwoot's `inboxes.timezone` column default (db/schema.rb). */
export const inboxDefaultZone = "UTC";

const pad = (n: number) => String(n).padStart(2, "0");
const allWeek = [1, 2, 3, 4, 5, 6, 7];

type Day = NonNullable<InboxWorkingHours["working_hours"]>[number];

/**
 * One Chatwoot working-hour row as our slot, or null when the inbox is closed that day. Chatwoot
 * (app/models/working_hour.rb#open_at?) is open from open to close on the same day only; a row
 * whose close is not after its open never opens; `open_all_day` is stored as 00:00–23:59 and
 * means the whole day.
 */
function slotOf(day: Day): WeeklySlot | null {
  const isoDay = day.day_of_week === 0 ? 7 : day.day_of_week; // Chatwoot: Sunday = 0
  if (day.closed_all_day) return null;
  if (day.open_all_day) return { day: isoDay, open: "00:00", close: "24:00" };
  const { open_hour: oh, open_minutes: om, close_hour: ch, close_minutes: cm } = day;
  if (oh === null || oh === undefined || ch === null || ch === undefined) return null;
  const open = oh * 60 + (om ?? 0);
  const close = ch * 60 + (cm ?? 0);
  if (close <= open) return null;
  return { day: isoDay, open: `${pad(oh)}:${pad(om ?? 0)}`, close: `${pad(ch)}:${pad(cm ?? 0)}` };
}

/**
 * Converts an inbox's working hours into our office hours, with Chatwoot's semantics
 * (app/models/concerns/out_of_offisable.rb): with `working_hours_enabled` off (Chatwoot's default)
 * the inbox is never out of office, so the bot is open all week; the inbox's time zone, else
 * Chatwoot's default UTC; a day without a row is closed. Holidays are ours alone.
 */
export function officeHoursFromInbox(inbox: InboxWorkingHours): OfficeHours {
  const timezone = inbox.timezone ?? inboxDefaultZone;
  if (!inbox.working_hours_enabled) {
    return { timezone, weekly: allWeek.map((day) => ({ day, open: "00:00", close: "24:00" })), holidays: [] };
  }
  const weekly = (inbox.working_hours ?? []).map(slotOf).filter((slot) => slot !== null);
  weekly.sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
  return { timezone, weekly, holidays: [] };
}
