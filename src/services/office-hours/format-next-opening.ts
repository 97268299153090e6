import type { DateTime } from "luxon";

// Indonesia's own zone names read better to customers than "GMT+7".
const indonesianZones: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

/**
 * Writes an opening time for `{{nextOpening}}` in Indonesian, in the schedule's zone:
 * "hari ini pukul 13.00 WIB", "besok (Selasa, 24 November 2026) pukul 08.00 WIB",
 * "pada Senin, 30 November 2026 pukul 08.00 WIB".
 */
export function formatNextOpening(opening: DateTime, now: DateTime): string {
  const local = opening.setLocale("id");
  const today = now.setZone(opening.zone).startOf("day");
  const zone = indonesianZones[opening.zoneName ?? ""] ?? local.toFormat("ZZZZ");
  const time = `pukul ${local.toFormat("HH.mm")} ${zone}`;
  const date = local.toFormat("cccc, d LLLL yyyy");
  const days = Math.round(local.startOf("day").diff(today, "days").days);
  if (days <= 0) return `hari ini ${time}`;
  if (days === 1) return `besok (${date}) ${time}`;
  return `pada ${date} ${time}`;
}
