import type { DateTime } from "luxon";

/** The clock the emulator reads; the same object as Switchboard's `Clock`, so tests share one. */
export type EmulatorClock = { now(): DateTime };

/** A database timestamp in microseconds since the epoch (Postgres `timestamp` precision). */
export type Micros = number;

/**
 * Timestamps as Postgres stores them: microsecond precision, and two writes never share one. On a
 * fixed test clock every write would otherwise carry the same `updated_at`, which a real database
 * never does; so each reading is at least one microsecond after the previous.
 */
export function createDbTime(clock: EmulatorClock) {
  let last = 0;
  return {
    now(): Micros {
      last = Math.max(clock.now().toMillis() * 1000, last + 1);
      return last;
    },
    /** `Time.now.to_i`: whole seconds of the clock itself (used for the signature timestamp). */
    unixSeconds(): number {
      return Math.floor(clock.now().toMillis() / 1000);
    },
    clockMillis(): number {
      return clock.now().toMillis();
    },
  };
}

export type DbTime = ReturnType<typeof createDbTime>;

/** Rails JSON of a Time: ISO 8601 in UTC with milliseconds (ActiveSupport time_precision 3). */
export const isoTime = (us: Micros): string => new Date(Math.floor(us / 1000)).toISOString();

/** `time.to_i`. */
export const unixTime = (us: Micros | null): number => (us === null ? 0 : Math.floor(us / 1_000_000));

/** `time.to_f`, as the conversation's `updated_at` is sent. */
export const floatTime = (us: Micros): number => us / 1_000_000;
