import { DateTime } from "luxon";
import type { Inbox, WorkingHour } from "./model.js";

/**
 * Chatwoot app/models/working_hour.rb#open_at?: today's row in the inbox's time zone, open from
 * open_hour:open_minutes to close_hour:close_minutes inclusive, to the second (so 17:00:30 is
 * closed when close is 17:00); `open_all_day` means 00:00–23:59.
 */
export function openAt(hour: WorkingHour, local: DateTime): boolean {
  if (hour.closedAllDay) return false;
  const open = hour.openAllDay ? { h: 0, m: 0 } : { h: hour.openHour ?? 0, m: hour.openMinutes ?? 0 };
  const close = hour.openAllDay ? { h: 23, m: 59 } : { h: hour.closeHour ?? 0, m: hour.closeMinutes ?? 0 };
  const from = local.set({ hour: open.h, minute: open.m, second: 0, millisecond: 0 });
  const to = local.set({ hour: close.h, minute: close.m, second: 0, millisecond: 0 });
  return local >= from && local <= to;
}

/** Chatwoot app/models/concerns/out_of_offisable.rb#out_of_office?: enabled and closed right now. */
export function outOfOffice(inbox: Inbox, nowMillis: number): boolean {
  if (!inbox.workingHoursEnabled) return false;
  const local = DateTime.fromMillis(nowMillis, { zone: inbox.timezone });
  const today = inbox.workingHours.find((h) => h.dayOfWeek === local.weekday % 7);
  return today ? !openAt(today, local) : false;
}

/** The inbox's `working_hours` in the API (OutOfOffisable#weekly_schedule), sorted by day. */
export function weeklySchedule(inbox: Inbox) {
  return [...inbox.workingHours]
    .sort((a, b) => a.dayOfWeek - b.dayOfWeek)
    .map((h) => ({
      day_of_week: h.dayOfWeek,
      closed_all_day: h.closedAllDay,
      open_hour: h.openAllDay ? 0 : h.openHour,
      open_minutes: h.openAllDay ? 0 : h.openMinutes,
      close_hour: h.openAllDay ? 23 : h.closeHour,
      close_minutes: h.openAllDay ? 59 : h.closeMinutes,
      open_all_day: h.openAllDay,
    }));
}
