/**
 * How late this process's event loop runs a timer, smoothed: the time a webhook's bytes wait
 * before they are even parsed. Measured on the real clock on purpose: it is the loop's own delay,
 * not a domain time.
 */
export type LoopLag = { lagMs(): number; stop(): void };

export function watchLoopLag(sampleMs = 20): LoopLag {
  let expected = performance.now() + sampleMs;
  let smoothed = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    smoothed = smoothed * 0.7 + Math.max(0, now - expected) * 0.3;
    expected = now + sampleMs;
  }, sampleMs);
  timer.unref();
  return {
    lagMs: () => smoothed,
    stop: () => {
      clearInterval(timer);
    },
  };
}
