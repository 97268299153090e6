import type { OfficeHours, WeeklySlot } from "../../domain/office-hours.js";
import type { InboxWorkingHours } from "../../omnichat/inbox-client.js";

const pad = (n: number | null | undefined) => String(n ?? 0).padStart(2, "0");

/**
 * Converts an inbox's working hours (Chatwoot: day_of_week 0 = Sunday, per-day open/close or
 * open/closed all day, in the inbox's time zone) into our office hours. Holidays are ours alone.
 */
export function officeHoursFromInbox(inbox: InboxWorkingHours, fallbackZone = "UTC"): OfficeHours {
  const weekly: WeeklySlot[] = [];
  for (const day of inbox.working_hours ?? []) {
    if (day.closed_all_day) continue;
    const isoDay = day.day_of_week === 0 ? 7 : day.day_of_week;
    if (day.open_all_day) {
      weekly.push({ day: isoDay, open: "00:00", close: "24:00" });
      continue;
    }
    const open = `${pad(day.open_hour)}:${pad(day.open_minutes)}`;
    const close = `${pad(day.close_hour)}:${pad(day.close_minutes)}`;
    if (open !== close) weekly.push({ day: isoDay, open, close: close === "00:00" ? "24:00" : close });
  }
  weekly.sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
  return { timezone: inbox.timezone ?? fallbackZone, weekly, holidays: [] };
}
