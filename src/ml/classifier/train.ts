import { fitTemperature, labelProbabilities, reliability } from "./calibration.js";
import { buildVocabulary, type SparseVector, termCounts, type Vocabulary, vectorize } from "./features.js";
import { sphericalKMeans } from "./subclasses.js";
import { seededRandom } from "../../../lib/seeded-random.js";
import { decisionValues, defaultSvmOptions, type LinearModel, type Pause, shuffleInPlace, type SvmOptions, trainLinearSvm } from "./linear-svm.js";

/** A labelled text; `intent` is an optional finer class inside its label (BANKING77's "card_arrival"). */
export type TrainingExample = { text: string; label: string; intent?: string | null | undefined };

/** A trained router: vocabulary, one linear scorer per label, and the temperature that calibrates them. */
export type TextClassifier = {
  labels: string[];
  vocabulary: Vocabulary;
  model: LinearModel;
  /** The label of each of the model's classes (a label may be split into several classes). */
  classLabel: Int32Array;
  /** The intent each class stands for, or null (a label's examples without intent, or a k-means sub-class). */
  classIntent: (string | null)[];
  temperature: number;
};

export type TrainingReport = {
  examples: number;
  labels: number;
  /** Classes the linear model tells apart: intents, and sub-classes of examples without one. */
  classes: number;
  intents: number;
  features: number;
  folds: number;
  /** Accuracy and calibration error of the held-out folds' predictions. */
  heldOutExamples: number;
  heldOutAccuracy: number;
  heldOutEce: number;
  temperature: number;
};

export type TrainOptions = {
  svm: SvmOptions;
  minDf: number;
  /** Cross-validation folds for the temperature; above `allFoldsUpTo` examples only one is scored. */
  folds: number;
  allFoldsUpTo: number;
  seed: number;
  examplesPerSubclass: number;
};

// C by 5-fold cross-validation of the bots' own examples (evals/thresholds.ts does the folds), never
// on a dev set: BANKING77 first choices 0.955 / 0.958 / 0.960 / 0.961 at C 0.25 / 0.5 / 1 / 2, Bank
// ABC 0.841 / 0.848 / 0.843 at 0.5 / 1 / 2 (docs/decisions/0012). 120 examples a sub-class.
export const defaultTrainOptions: TrainOptions = { svm: defaultSvmOptions, minDf: 1, folds: 5, allFoldsUpTo: 2000, seed: 7, examplesPerSubclass: 120 };

/** Stratified folds: each label's examples dealt round-robin after a seeded shuffle. */
function foldOf(labels: Int32Array, folds: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  const random = seededRandom(seed);
  const byLabel = new Map<number, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  for (const indices of byLabel.values()) {
    const order = Int32Array.from(indices);
    shuffleInPlace(order, random);
    order.forEach((row, i) => (fold[row] = i % folds));
  }
  return fold;
}

/**
 * Scores of examples from models trained without them: every fold in turn for a small set, one
 * fold for a large one (thousands of held-out scores fit one temperature well, at a third of the
 * training time). Returns the rows that were scored and their scores.
 */
async function heldOutScores(
  rows: SparseVector[],
  labels: Int32Array,
  shape: { classes: number; columns: number },
  options: TrainOptions,
  pause: Pause,
): Promise<{ row: number; scores: Float64Array }[]> {
  const fold = foldOf(labels, options.folds, options.seed);
  const scoredFolds = rows.length > options.allFoldsUpTo ? 1 : options.folds;
  const out: { row: number; scores: Float64Array }[] = [];
  for (let f = 0; f < scoredFolds; f++) {
    const train = rows.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const model = await trainLinearSvm(
      train.map((i) => rows[i] ?? emptyRow),
      Int32Array.from(train, (i) => labels[i] ?? 0),
      shape,
      options.svm,
      pause,
    );
    rows.forEach((row, i) => {
      if (fold[i] === f) out.push({ row: i, scores: decisionValues(model, row) });
    });
  }
  return out;
}

/**
 * Class of each row, and label and intent of each class. Examples that carry an intent are one
 * class per (label, intent): the admin's own fine-grained classes. The rest of a label is split by
 * spherical k-means into sub-classes of about `examplesPerSubclass` (see subclasses.ts), one class
 * when small.
 */
async function splitIntoClasses(
  examples: readonly TrainingExample[],
  rows: readonly SparseVector[],
  yLabel: Int32Array,
  labelCount: number,
  columns: number,
  options: TrainOptions,
  pause: Pause,
): Promise<{ y: Int32Array; classLabel: Int32Array; classIntent: (string | null)[] }> {
  const classLabel: number[] = [];
  const classIntent: (string | null)[] = [];
  const y = new Int32Array(rows.length);
  for (let label = 0; label < labelCount; label++) {
    await pause();
    const members = rows.flatMap((_, i) => (yLabel[i] === label ? [i] : []));
    const byIntent = new Map<string, number>();
    const plain: number[] = [];
    for (const i of members) {
      const intent = examples[i]?.intent;
      if (!intent) {
        plain.push(i);
        continue;
      }
      let k = byIntent.get(intent);
      if (k === undefined) {
        k = classLabel.push(label) - 1;
        classIntent.push(intent);
        byIntent.set(intent, k);
      }
      y[i] = k;
    }
    if (plain.length === 0) continue;
    const k = Math.max(1, Math.floor(plain.length / options.examplesPerSubclass));
    const cluster = sphericalKMeans(
      plain.map((i) => rows[i] ?? emptyRow),
      k,
      columns,
      options.seed + label,
    );
    const first = classLabel.length;
    for (let j = 0; j < k; j++) {
      classLabel.push(label);
      classIntent.push(null);
    }
    plain.forEach((row, j) => (y[row] = first + (cluster[j] ?? 0)));
  }
  return { y, classLabel: Int32Array.from(classLabel), classIntent };
}

/** `items.map(fn)`, giving the event loop back every few hundred items (thousands of texts take a while). */
async function inSlices<T, R>(items: readonly T[], fn: (item: T) => R, pause: Pause, slice = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += slice) {
    for (const item of items.slice(i, i + slice)) out.push(fn(item));
    await pause();
  }
  return out;
}

const emptyRow: SparseVector = { index: new Int32Array(0), value: new Float32Array(0) };

const argmax = (values: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
};

/**
 * Trains the classifier on labelled examples: the temperature on cross-validation folds, then
 * the scorer on everything. Null when there is nothing to tell apart (fewer than two labels).
 */
export async function trainTextClassifier(
  examples: readonly TrainingExample[],
  options: TrainOptions = defaultTrainOptions,
  pause: Pause = () => Promise.resolve(),
): Promise<{ classifier: TextClassifier; report: TrainingReport } | null> {
  // In order of first appearance, not by name: a division id differs on every import of the same
  // bot, and the same examples should train the same model.
  const labels = [...new Set(examples.map((e) => e.label))];
  if (labels.length < 2) return null;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counts = await inSlices(examples, (e) => termCounts(e.text), pause);
  const vocabulary = buildVocabulary(counts, options.minDf);
  const rows = await inSlices(counts, (c) => vectorize(c, vocabulary), pause);
  const yLabel = Int32Array.from(examples, (e) => labelIndex.get(e.label) ?? 0);
  const { y, classLabel, classIntent } = await splitIntoClasses(examples, rows, yLabel, labels.length, vocabulary.idf.length, options, pause);
  const shape = { classes: classLabel.length, columns: vocabulary.idf.length };
  const folds = Math.min(options.folds, Math.max(2, Math.min(...labels.map((l) => examples.filter((e) => e.label === l).length))));
  const heldOut = await heldOutScores(rows, y, shape, { ...options, folds }, pause);
  const heldOutLabels = Int32Array.from(heldOut, (h) => yLabel[h.row] ?? 0);
  const temperature = fitTemperature(
    heldOut.map((h) => h.scores),
    heldOutLabels,
    classLabel,
    labels.length,
  );
  const points = heldOut.map((h, i) => {
    const p = labelProbabilities(h.scores, temperature, classLabel, labels.length);
    const best = argmax(p);
    return { confidence: p[best] ?? 0, correct: best === heldOutLabels[i] };
  });
  const model = await trainLinearSvm(rows, y, shape, options.svm, pause);
  return {
    classifier: { labels, vocabulary, model, classLabel, classIntent, temperature },
    report: {
      examples: examples.length,
      labels: labels.length,
      classes: classLabel.length,
      intents: classIntent.filter((i) => i !== null).length,
      features: shape.columns,
      folds,
      heldOutAccuracy: points.filter((p) => p.correct).length / Math.max(points.length, 1),
      heldOutExamples: points.length,
      heldOutEce: reliability(points).ece,
      temperature,
    },
  };
}

/** A label's calibrated probability and, when the model learnt intents, its most likely intent. */
export type LabelProbability = { label: string; probability: number; intent?: string | undefined };

/** Calibrated probabilities of every label for one text, most likely first. */
export function classifyText(classifier: TextClassifier, text: string): LabelProbability[] {
  const scores = decisionValues(classifier.model, vectorize(termCounts(text), classifier.vocabulary));
  const p = labelProbabilities(scores, classifier.temperature, classifier.classLabel, classifier.labels.length);
  // The best-scoring intent of each label names what the label was read as ("cards: card_arrival").
  const topClass = new Int32Array(classifier.labels.length).fill(-1);
  scores.forEach((score, k) => {
    const label = classifier.classLabel[k] ?? 0;
    const best = topClass[label] ?? -1;
    if (best < 0 || score > (scores[best] ?? -Infinity)) topClass[label] = k;
  });
  return classifier.labels
    .map((label, i) => ({ label, probability: p[i] ?? 0, intent: classifier.classIntent[topClass[i] ?? -1] ?? undefined }))
    .sort((a, b) => b.probability - a.probability);
}
