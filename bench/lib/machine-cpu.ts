import { readFileSync } from "node:fs";

/** Machine-wide CPU time in ms (busy, total) from /proc/stat, or undefined off Linux. */
export type MachineCpu = { busyMs: number; totalMs: number };

export function machineCpu(): MachineCpu | undefined {
  let text: string;
  try {
    text = readFileSync("/proc/stat", "utf8");
  } catch {
    return undefined;
  }
  const fields = (text.split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...; clock ticks are 10 ms on Linux.
  const total = fields.slice(0, 8).reduce((sum, v) => sum + v, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busyMs: (total - idle) * 10, totalMs: total * 10 };
}

/** Busy CPU between two samples, in % of one core. */
export function busyPct(before: MachineCpu | undefined, after: MachineCpu | undefined, wallMs: number): number {
  if (!before || !after) return Number.NaN;
  return ((after.busyMs - before.busyMs) / wallMs) * 100;
}
