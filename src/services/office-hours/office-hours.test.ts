import { DateTime } from "luxon";
import { describe, expect, it, vi } from "vitest";
import type { OfficeHours } from "../../domain/office-hours.js";
import { formatNextOpening } from "./format-next-opening.js";
import { isOpenAt, nextOpeningAfter } from "./office-hours.js";

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
const jakarta: OfficeHours = {
  timezone: "Asia/Jakarta",
  weekly: [...weekdays("08:00", "17:00"), { day: 6, open: "08:00", close: "12:00" }],
  holidays: [{ date: "2026-12-25", name: "Hari Raya Natal" }],
};
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const next = (schedule: OfficeHours, iso: string) => nextOpeningAfter(schedule, at(iso))?.toUTC().toISO();

describe("office hours in Asia/Jakarta", () => {
  it("is open inside a slot and closed outside it, in the schedule's zone", () => {
    expect(isOpenAt(jakarta, at("2026-11-23T10:00:00+07:00"))).toBe(true); // Monday 10:00 WIB
    expect(isOpenAt(jakarta, at("2026-11-23T02:00:00Z"))).toBe(true); // the same instant in UTC
    expect(isOpenAt(jakarta, at("2026-11-23T17:00:00+07:00"))).toBe(false); // close is exclusive
    expect(isOpenAt(jakarta, at("2026-11-22T10:00:00+07:00"))).toBe(false); // Sunday
    expect(isOpenAt(jakarta, at("2026-11-21T11:59:00+07:00"))).toBe(true); // Saturday half day
  });

  it("finds the next opening across the weekend", () => {
    expect(next(jakarta, "2026-11-20T18:00:00+07:00")).toBe("2026-11-21T01:00:00.000Z"); // Sat 08:00 WIB
    expect(next(jakarta, "2026-11-21T12:30:00+07:00")).toBe("2026-11-23T01:00:00.000Z"); // Mon 08:00 WIB
    expect(next(jakarta, "2026-11-23T10:00:00+07:00")).toBe("2026-11-23T03:00:00.000Z"); // open now
  });

  it("stays closed on a holiday and opens on the next working day", () => {
    expect(isOpenAt(jakarta, at("2026-12-25T10:00:00+07:00"))).toBe(false);
    expect(next(jakarta, "2026-12-24T18:00:00+07:00")).toBe("2026-12-26T01:00:00.000Z"); // Sat 26th 08:00
  });

  it("returns null for a schedule that never opens", () => {
    expect(nextOpeningAfter({ timezone: "Asia/Jakarta", weekly: [], holidays: [] }, at("2026-11-20T10:00:00Z"))).toBeNull();
  });
});

describe("overnight slots", () => {
  const night: OfficeHours = { timezone: "Asia/Jakarta", weekly: [{ day: 5, open: "22:00", close: "06:00" }], holidays: [] };

  it("runs past midnight into the next day", () => {
    expect(isOpenAt(night, at("2026-11-20T23:00:00+07:00"))).toBe(true); // Friday night
    expect(isOpenAt(night, at("2026-11-21T03:00:00+07:00"))).toBe(true); // Saturday early morning
    expect(isOpenAt(night, at("2026-11-21T06:00:00+07:00"))).toBe(false);
    expect(isOpenAt(night, at("2026-11-20T21:59:00+07:00"))).toBe(false);
  });

  it("stops at midnight when the next day is a holiday", () => {
    const withHoliday = { ...night, holidays: [{ date: "2026-11-21", name: "closed" }] };
    expect(isOpenAt(withHoliday, at("2026-11-20T23:00:00+07:00"))).toBe(true);
    expect(isOpenAt(withHoliday, at("2026-11-21T03:00:00+07:00"))).toBe(false);
  });

  it("closes at 24:00 at the end of the day", () => {
    const late: OfficeHours = { timezone: "Asia/Jakarta", weekly: [{ day: 1, open: "18:00", close: "24:00" }], holidays: [] };
    expect(isOpenAt(late, at("2026-11-23T23:59:00+07:00"))).toBe(true);
    expect(isOpenAt(late, at("2026-11-24T00:00:00+07:00"))).toBe(false);
  });
});

describe("asking one schedule many times", () => {
  it("does the zone arithmetic once per local day", () => {
    const schedule: OfficeHours = { ...jakarta };
    expect(isOpenAt(schedule, at("2026-11-23T09:00:00+07:00"))).toBe(true);
    const later = at("2026-11-23T16:00:00+07:00");
    const setZone = vi.spyOn(later, "setZone");
    expect(isOpenAt(schedule, later)).toBe(true);
    expect(setZone).not.toHaveBeenCalled();
  });

  it("answers for whichever day is asked, in any order, across midnight and holidays", () => {
    const schedule: OfficeHours = { ...jakarta, weekly: [...jakarta.weekly, { day: 5, open: "22:00", close: "06:00" }] };
    const asked: [string, boolean][] = [
      ["2026-11-23T16:59:00+07:00", true], // Monday
      ["2026-11-23T17:00:00+07:00", false],
      ["2026-11-24T07:59:00+07:00", false], // Tuesday, before opening
      ["2026-11-23T10:00:00+07:00", true], // Monday again
      ["2026-11-27T23:00:00+07:00", true], // Friday night
      ["2026-11-28T05:59:00+07:00", true], // the same slot, Saturday morning
      ["2026-11-27T21:59:00+07:00", false],
      ["2026-12-25T10:00:00+07:00", false], // a holiday Friday
      ["2026-11-28T06:00:00+07:00", false],
      ["2026-11-28T11:00:00+07:00", true],
    ];
    expect(asked.map(([iso]) => isOpenAt(schedule, at(iso)))).toEqual(asked.map(([, open]) => open));
  });
});

describe("daylight saving time in Europe/Amsterdam", () => {
  const amsterdam: OfficeHours = { timezone: "Europe/Amsterdam", weekly: weekdays("09:00", "17:00"), holidays: [] };

  it("keeps 09:00 local as the opening on both sides of the spring change", () => {
    // 2026-03-29 clocks go 02:00 → 03:00 (CET +1 → CEST +2).
    expect(next(amsterdam, "2026-03-27T17:00:00+01:00")).toBe("2026-03-30T07:00:00.000Z");
    expect(isOpenAt(amsterdam, at("2026-03-23T07:30:00Z"))).toBe(false); // 08:30 CET
    expect(isOpenAt(amsterdam, at("2026-03-30T07:30:00Z"))).toBe(true); // 09:30 CEST
  });

  it("keeps 09:00 local after the autumn change", () => {
    // 2026-10-25 clocks go 03:00 → 02:00 (CEST → CET).
    expect(next(amsterdam, "2026-10-23T18:00:00+02:00")).toBe("2026-10-26T08:00:00.000Z");
  });

  it("moves a slot that opens inside the spring gap to the first real minute", () => {
    const gap: OfficeHours = { timezone: "Europe/Amsterdam", weekly: [{ day: 7, open: "02:30", close: "05:00" }], holidays: [] };
    const opening = nextOpeningAfter(gap, at("2026-03-28T12:00:00Z"));
    expect(opening?.toISO()).toBe("2026-03-29T03:30:00.000+02:00");
    expect(isOpenAt(gap, at("2026-03-29T04:00:00+02:00"))).toBe(true);
  });

  it("counts the repeated hour of the autumn change once", () => {
    const sunday: OfficeHours = { timezone: "Europe/Amsterdam", weekly: [{ day: 7, open: "00:00", close: "24:00" }], holidays: [] };
    expect(isOpenAt(sunday, at("2026-10-25T02:30:00+02:00"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-10-25T02:30:00+01:00"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-10-25T23:30:00+01:00"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-10-26T00:00:00+01:00"))).toBe(false);
  });
});

describe("the next opening in Indonesian", () => {
  const now = at("2026-11-20T18:00:00+07:00"); // Friday evening in Jakarta

  it("says today, tomorrow or the date, with the zone", () => {
    expect(formatNextOpening(DateTime.fromISO("2026-11-20T19:00", { zone: "Asia/Jakarta" }), now)).toBe("hari ini pukul 19.00 WIB");
    expect(formatNextOpening(DateTime.fromISO("2026-11-21T08:00", { zone: "Asia/Jakarta" }), now)).toBe("besok (Sabtu, 21 November 2026) pukul 08.00 WIB");
    expect(formatNextOpening(DateTime.fromISO("2026-11-23T08:00", { zone: "Asia/Makassar" }), now)).toBe("pada Senin, 23 November 2026 pukul 08.00 WITA");
  });
});
