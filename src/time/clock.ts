import { DateTime } from "luxon";

/** Time is a dependency: production uses the system clock, tests a fixed one. */
export type Clock = { now(): DateTime };

export const systemClock: Clock = { now: () => DateTime.utc() };

export type FixedClock = Clock & { advance(ms: number): void };

export function fixedClock(iso: string): FixedClock {
  let current = DateTime.fromISO(iso, { setZone: true });
  if (!current.isValid) throw new Error(`fixedClock: invalid instant ${iso}`);
  return {
    now: () => current,
    advance(ms) {
      current = current.plus({ milliseconds: ms });
    },
  };
}
