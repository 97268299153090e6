import { nearestRankSorted } from "../../src/services/evals/engine/percentile.js";

/** Per-call latency of a sequential loop, after a warm-up; bounded by a call count and a time limit. */
export type LatencySummary = { calls: number; p50Ms: number; p95Ms: number; p99Ms: number; meanMs: number; maxMs: number; totalSec: number };

/** Nearest-rank percentile of ascending samples; NaN when there are none. */
export const percentile = (sortedMs: ArrayLike<number>, p: number): number => nearestRankSorted(sortedMs, p) ?? Number.NaN;

export function summarise(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  return {
    calls: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.length === 0 ? Number.NaN : total / sorted.length,
    maxMs: sorted.at(-1) ?? Number.NaN,
    totalSec: total / 1000,
  };
}

/**
 * Calls `fn(i)` for i = 0…warmup-1 unmeasured, then for the next `calls` values of i one after
 * another, stopping early once `maxSec` have passed (a slow plan must not hold the run for minutes).
 */
export async function timeCalls(options: { calls: number; warmup: number; maxSec: number }, fn: (i: number) => unknown): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i++) await fn(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.calls && performance.now() - started < options.maxSec * 1000; i++) {
    const t0 = performance.now();
    await fn(options.warmup + i);
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}
