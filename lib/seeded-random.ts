// Shared by Switchboard (src/), the Chatwoot emulator (which imports nothing of src/) and the
// scripts: lib/ holds code that knows neither.

/** mulberry32: a tiny seeded generator, so the same seed gives the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
