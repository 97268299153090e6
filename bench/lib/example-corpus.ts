import type { Banking77Row } from "../../evals/datasets/banking77/load-banking77.js";
import { seededRandom } from "../../lib/seeded-random.js";

/** One example to import: `label` is a BANKING77 division slug or "bot" (mapped to ids later). */
export type CorpusRow = { text: string; label: string };

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [copy[i], copy[j]];
    if (a === undefined || b === undefined) continue;
    [copy[i], copy[j]] = [b, a];
  }
  return copy;
}

/**
 * `size` labelled examples from the BANKING77 train rows, shuffled once with a fixed seed (the CSV
 * is grouped by intent, so a plain prefix would hold a handful of intents). Past one pass over the
 * rows each text gets a pass word ("ref2", "ref3", …) so the repeated rows get distinct vectors.
 */
export function exampleCorpus(rows: readonly Banking77Row[], size: number): CorpusRow[] {
  if (rows.length === 0) throw new Error("exampleCorpus: no rows");
  const order = shuffled(rows, 77);
  return Array.from({ length: size }, (_, i) => {
    const row = order[i % order.length];
    if (row === undefined) throw new Error(`exampleCorpus: row ${String(i)} missing`);
    const pass = Math.floor(i / order.length);
    return { text: pass === 0 ? row.text : `${row.text} ref${String(pass + 1)}`, label: row.label };
  });
}

/** `count` query texts taken round-robin from the dev sample (which the examples exclude). */
export function queryTexts(dev: readonly Banking77Row[], count: number): string[] {
  const order = shuffled(dev, 6);
  return Array.from({ length: count }, (_, i) => order[i % order.length]?.text ?? "");
}
