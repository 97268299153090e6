/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it,
 * i.e. the ⌈p/100 · n⌉-th smallest. It is always an observed value (no interpolation), so a p95
 * over 20 latencies is the 19th fastest. Undefined for an empty list.
 */
export function nearestRankSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** The same over unsorted values; an empty list gives 0 (an eval with no latencies). */
export function nearestRank(values: readonly number[], p: number): number {
  return (
    nearestRankSorted(
      [...values].sort((a, b) => a - b),
      p,
    ) ?? 0
  );
}
