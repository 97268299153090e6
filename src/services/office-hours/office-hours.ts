import type { DateTime } from "luxon";
import type { OfficeHours, WeeklySlot } from "../../domain/office-hours.js";

/**
 * Office-hours arithmetic: pure functions of an instant and a schedule. Slots are wall-clock times
 * in the schedule's zone, so DST shifts move them with the local clock. A slot whose close is at or
 * before its open runs past midnight into the next day. A holiday closes its whole local date,
 * including the part of an overnight slot that spills into it.
 */

type Interval = { start: DateTime; end: DateTime };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function atMinutes(day: DateTime, minutes: number): DateTime {
  // 24:00 is the start of the next day; Luxon moves a time inside a DST gap forward to a real one.
  return day
    .startOf("day")
    .plus({ days: Math.floor(minutes / 1440) })
    .set({ hour: Math.floor((minutes % 1440) / 60), minute: minutes % 60 });
}

function slotInterval(day: DateTime, slot: WeeklySlot): Interval {
  const open = minutesOf(slot.open);
  const close = minutesOf(slot.close);
  const start = atMinutes(day, open);
  const end = close > open ? atMinutes(day, close) : atMinutes(day.plus({ days: 1 }), close);
  return { start, end };
}

const isHoliday = (schedule: OfficeHours, day: DateTime) => {
  const date = day.toISODate();
  return schedule.holidays.some((h) => h.date === date);
};

/** The open intervals that start on a local day (not cut by holidays yet). */
function intervalsStartingOn(schedule: OfficeHours, day: DateTime): Interval[] {
  return schedule.weekly.filter((s) => s.day === day.weekday).map((s) => slotInterval(day, s));
}

/** Open intervals, cut so that no part of them lies on a holiday, for days [from, from + days). */
function openIntervals(schedule: OfficeHours, from: DateTime, days: number): Interval[] {
  const out: Interval[] = [];
  for (let i = 0; i < days; i++) {
    const day = from.plus({ days: i }).startOf("day");
    if (isHoliday(schedule, day)) continue;
    for (const interval of intervalsStartingOn(schedule, day)) {
      const nextDay = day.plus({ days: 1 });
      // An overnight slot stops at midnight when the next day is a holiday.
      const end = interval.end > nextDay && isHoliday(schedule, nextDay) ? nextDay : interval.end;
      if (end > interval.start) out.push({ start: interval.start, end });
    }
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** The open intervals that touch one local day (from the day before, for overnight slots), in epoch ms. */
type DayWindow = { fromMs: number; toMs: number; open: [number, number][] };
// Every handover asks; the zone arithmetic cost about a millisecond of the service's thread each
// time. The answer for one local day is the same all day, and schedules are immutable objects
// (the bot's cached configuration), so each keeps the last day it was asked about.
const dayWindows = new WeakMap<OfficeHours, DayWindow>();

function dayWindow(schedule: OfficeHours, instant: DateTime): DayWindow {
  const t = instant.toMillis();
  const known = dayWindows.get(schedule);
  if (known && known.fromMs <= t && t < known.toMs) return known;
  const local = instant.setZone(schedule.timezone);
  const day = local.startOf("day");
  const window: DayWindow = {
    fromMs: day.toMillis(),
    toMs: day.plus({ days: 1 }).toMillis(),
    open: openIntervals(schedule, local.minus({ days: 1 }), 2).map((i) => [i.start.toMillis(), i.end.toMillis()]),
  };
  dayWindows.set(schedule, window);
  return window;
}

/** Is the schedule open at this instant? */
export function isOpenAt(schedule: OfficeHours, instant: DateTime): boolean {
  const t = instant.toMillis();
  return dayWindow(schedule, instant).open.some(([start, end]) => start <= t && t < end);
}

// Long enough to step over a run of holidays such as a two-week year-end closure.
const searchDays = 400;
// Most schedules open again within days: look a week ahead first, further only when needed.
const firstWindowDays = 8;

/** The next instant the schedule opens, in its zone; null when it never opens again within a year. */
export function nextOpeningAfter(schedule: OfficeHours, instant: DateTime): DateTime | null {
  const local = instant.setZone(schedule.timezone);
  for (const days of [firstWindowDays, searchDays]) {
    const upcoming = openIntervals(schedule, local.minus({ days: 1 }), days + 1);
    if (upcoming.some((i) => i.start <= local && local < i.end)) return local;
    const next = upcoming.find((i) => i.start > local);
    if (next) return next.start;
  }
  return null;
}
