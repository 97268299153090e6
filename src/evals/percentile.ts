/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it,
 * i.e. the ⌈p/100 · n⌉-th smallest. It is always an observed value (no interpolation), so a p95
 * over 20 latencies is the 19th fastest. An empty list gives 0.
 */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}
