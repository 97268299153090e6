import { DateTime, IANAZone } from "luxon";
import { z } from "zod";

// "24:00" is allowed as a closing time so that a slot can run to the end of the day.
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be HH:mm (00:00 to 24:00)");

export const weeklySlotSchema = z
  .object({
    day: z.number().int().min(1).max(7).describe("ISO weekday: Monday = 1, Sunday = 7"),
    open: timeOfDay.refine((v) => v !== "24:00", "cannot open at 24:00"),
    close: timeOfDay.describe("a closing time at or before the opening time runs past midnight"),
  })
  .refine((s) => s.open !== s.close, {
    message: "open and close must differ (use 00:00 to 24:00 for a whole day)",
    path: ["close"],
  });

export const holidaySchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .refine((d) => DateTime.fromISO(d).isValid, "is not a real calendar date"),
  name: z.string().trim().min(1).max(200),
});

export const officeHoursSchema = z.object({
  timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone such as Asia/Jakarta"),
  weekly: z.array(weeklySlotSchema).max(70),
  holidays: z.array(holidaySchema).max(1000).default([]),
});

export type OfficeHours = z.infer<typeof officeHoursSchema>;
export type WeeklySlot = z.infer<typeof weeklySlotSchema>;

/** Default for a new bot: always open, in Jakarta time. */
export const alwaysOpen: OfficeHours = {
  timezone: "Asia/Jakarta",
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: "00:00", close: "24:00" })),
  holidays: [],
};
