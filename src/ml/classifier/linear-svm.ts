// A one-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent:
// the algorithm of LIBLINEAR's default solver (Hsieh et al., "A Dual Coordinate Descent Method for
// Large-scale Linear SVM", ICML 2008), on sparse rows, with a bias column. scikit-learn's LinearSVC
// runs the same solver.
import { seededRandom } from "../../../lib/seeded-random.js";
import type { SparseVector } from "./features.js";

export type SvmOptions = {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop when the projected gradient's spread falls below this (LIBLINEAR's default 0.1). */
  epsilon: number;
  maxEpochs: number;
  seed: number;
};

export const defaultSvmOptions: SvmOptions = { c: 1, epsilon: 0.1, maxEpochs: 60, seed: 1 };

/**
 * Feature-major weights, `weights[column * classes + k]`, the biases in row `columns`: a decision
 * reads each of the message's features once and finds every class's weight next to each other.
 */
export type LinearModel = { classes: number; columns: number; weights: Float32Array };

/** Lets a long training run give the event loop back between epochs. */
export type Pause = () => Promise<void>;

export function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
}

/** Rows packed for the solver: row r's entries are `index/value[start[r] .. start[r + 1])`. */
type PackedRows = { start: Int32Array; index: Int32Array; value: Float64Array; squaredNorm: Float64Array };

function pack(rows: readonly SparseVector[]): PackedRows {
  const start = new Int32Array(rows.length + 1);
  rows.forEach((x, r) => (start[r + 1] = (start[r] ?? 0) + x.index.length));
  const index = new Int32Array(start[rows.length] ?? 0);
  const value = new Float64Array(index.length);
  const squaredNorm = new Float64Array(rows.length);
  rows.forEach((x, r) => {
    const at = start[r] ?? 0;
    index.set(x.index, at);
    value.set(x.value, at);
    squaredNorm[r] = x.value.reduce((sum, v) => sum + v * v, 0);
  });
  return { start, index, value, squaredNorm };
}

/**
 * Trains one binary problem (y = ±1) and returns its weights, the bias at index `columns`. With
 * LIBLINEAR's shrinking: an example whose margin is comfortably met leaves the active set until
 * the active set converges, then everything is checked once more.
 */
async function trainBinary(rows: PackedRows, y: Int8Array, columns: number, options: SvmOptions, pause: Pause): Promise<Float64Array> {
  const n = y.length;
  const w = new Float64Array(columns + 1);
  const alpha = new Float64Array(n);
  const diag = 0.5 / options.c;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const { start, index, value, squaredNorm } = rows;
  let active = n;
  let pgMaxOld = Infinity;
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    shuffleInPlace(order.subarray(0, active), random);
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const i = order[s] ?? 0;
      const yi = y[i] ?? 1;
      const from = start[i] ?? 0;
      const to = start[i + 1] ?? 0;
      let wx = w[columns] ?? 0;
      for (let j = from; j < to; j++) wx += (w[index[j] ?? 0] ?? 0) * (value[j] ?? 0);
      const a = alpha[i] ?? 0;
      const g = yi * wx - 1 + diag * a;
      let pg = g;
      if (a === 0) {
        if (g > pgMaxOld) {
          active--;
          order[s] = order[active] ?? 0;
          order[active] = i;
          s--;
          continue;
        }
        pg = Math.min(g, 0);
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const next = Math.max(a - g / (diag + 1 + (squaredNorm[i] ?? 0)), 0);
      const d = (next - a) * yi;
      alpha[i] = next;
      for (let j = from; j < to; j++) {
        const column = index[j] ?? 0;
        w[column] = (w[column] ?? 0) + d * (value[j] ?? 0);
      }
      w[columns] = (w[columns] ?? 0) + d;
    }
    await pause();
    if (pgMax - pgMin <= options.epsilon) {
      if (active === n) break;
      active = n;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return w;
}

/** One binary SVM per class (labels are 0..classes-1). */
export async function trainLinearSvm(
  rows: readonly SparseVector[],
  labels: Int32Array,
  shape: { classes: number; columns: number },
  options: SvmOptions = defaultSvmOptions,
  pause: Pause = () => Promise.resolve(),
): Promise<LinearModel> {
  const { classes, columns } = shape;
  const weights = new Float32Array(classes * (columns + 1));
  const packed = pack(rows);
  for (let k = 0; k < classes; k++) {
    const y = Int8Array.from(labels, (label) => (label === k ? 1 : -1));
    const w = await trainBinary(packed, y, columns, { ...options, seed: options.seed + k }, pause);
    for (let column = 0; column <= columns; column++) weights[column * classes + k] = w[column] ?? 0;
  }
  return { classes, columns, weights };
}

/** Each class's decision value for one row. */
export function decisionValues(model: LinearModel, x: SparseVector): Float64Array {
  const { classes, columns, weights } = model;
  const scores = new Float64Array(classes);
  for (let k = 0; k < classes; k++) scores[k] = weights[columns * classes + k] ?? 0;
  for (let i = 0; i < x.index.length; i++) {
    const base = (x.index[i] ?? 0) * classes;
    const v = x.value[i] ?? 0;
    for (let k = 0; k < classes; k++) scores[k] = (scores[k] ?? 0) + (weights[base + k] ?? 0) * v;
  }
  return scores;
}
