// Held-out readings of a bot's own training data: k-fold cross-validation of the trained router
// (docs/decisions/0012), so a threshold is chosen on examples the router never saw and never on
// an eval dataset.
import type { BotImport } from "../../src/domain/bot-export.js";
import { divisionExampleParts } from "../../src/domain/example.js";
import { seededRandom } from "../../lib/seeded-random.js";
import { shuffleInPlace } from "../../src/ml/classifier/linear-svm.js";
import { classifyText, defaultTrainOptions, type LabelProbability, type TrainingExample, trainTextClassifier } from "../../src/ml/classifier/train.js";
import { assembleTrainingSet } from "../../src/services/memory/router-training.js";

/** One training example as read by a router trained without it: labels ranked, best first. */
export type HeldOutReading = { text: string; expected: string; ranked: LabelProbability[] };

/**
 * The export's training data as its import stores it (the divisions' own examples first, then the
 * rest), labelled with the export's division keys; keywords apart, since they are no customer message.
 */
export function exportTrainingSet(doc: BotImport): { examples: TrainingExample[]; keywords: TrainingExample[] } {
  const labelled = [
    ...doc.divisions.flatMap((d) => d.examples.map((e) => ({ ...divisionExampleParts(e), label: d.id }))),
    ...doc.examples.map((e) => ({ text: e.text, label: e.label, intent: e.intent ?? null })),
  ];
  return assembleTrainingSet(doc.divisions, labelled);
}

/** Fold of each example: every (label, intent) class dealt round-robin after a seeded shuffle. */
function folds(examples: readonly TrainingExample[], k: number, seed: number): Int32Array {
  const fold = new Int32Array(examples.length);
  const byClass = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const key = `${e.label}\t${e.intent ?? ""}`;
    byClass.set(key, [...(byClass.get(key) ?? []), i]);
  });
  const random = seededRandom(seed);
  for (const members of byClass.values()) {
    const order = Int32Array.from(members);
    shuffleInPlace(order, random);
    order.forEach((row, i) => (fold[row] = i % k));
  }
  return fold;
}

/**
 * Every example read by a router trained on the other folds (and on the keywords, which are always
 * learnt from and never read), with the production training options. Null when the export has
 * nothing to train on (fewer than two labels).
 */
export async function crossValidate(doc: BotImport, k = 5, seed = 2026): Promise<{ readings: HeldOutReading[]; trainMs: number } | null> {
  const { examples, keywords } = exportTrainingSet(doc);
  if (examples.length === 0) return null;
  const fold = folds(examples, k, seed);
  const readings: HeldOutReading[] = [];
  let trainMs = 0;
  for (let f = 0; f < k; f++) {
    const started = performance.now();
    const trained = await trainTextClassifier([...examples.filter((_, i) => fold[i] !== f), ...keywords], defaultTrainOptions);
    trainMs += performance.now() - started;
    if (!trained) return null;
    examples.forEach((e, i) => {
      if (fold[i] === f) readings.push({ text: e.text, expected: e.label, ranked: classifyText(trained.classifier, e.text) });
    });
  }
  return { readings, trainMs: trainMs / k };
}
