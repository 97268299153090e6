// Temperature scaling (Guo et al., "On Calibration of Modern Neural Networks", 2017): one number T
// so that softmax(scores / T) reads as a probability, fitted on scores the model gave to examples
// it was not trained on (cross-validation folds). It never changes which label wins.

export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, (scores[i] ?? 0) / temperature);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i] ?? 0) / temperature - max);
    sum += out[i] ?? 0;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Class probabilities summed into their labels' (several classes may share one label). */
export function labelProbabilities(scores: ArrayLike<number>, temperature: number, classLabel: ArrayLike<number>, labelCount: number): Float64Array {
  const p = softmax(scores, temperature);
  const out = new Float64Array(labelCount);
  for (let k = 0; k < p.length; k++) out[classLabel[k] ?? 0] = (out[classLabel[k] ?? 0] ?? 0) + (p[k] ?? 0);
  return out;
}

function negativeLogLikelihood(
  scores: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  temperature: number,
  classLabel: ArrayLike<number>,
  labelCount: number,
): number {
  let nll = 0;
  scores.forEach((s, i) => {
    const p = labelProbabilities(s, temperature, classLabel, labelCount)[labels[i] ?? 0] ?? 0;
    nll -= Math.log(Math.max(p, 1e-12));
  });
  return nll;
}

/** The temperature that minimises the held-out negative log-likelihood (golden-section search on ln T). */
export function fitTemperature(scores: readonly ArrayLike<number>[], labels: ArrayLike<number>, classLabel: ArrayLike<number>, labelCount: number): number {
  if (scores.length === 0) return 1;
  const f = (logT: number) => negativeLogLikelihood(scores, labels, Math.exp(logT), classLabel, labelCount);
  const phi = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = [Math.log(0.005), Math.log(20)];
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60 && hi - lo > 1e-4; i++) {
    if (fa < fb) {
      [hi, b, fb] = [b, a, fa];
      a = hi - phi * (hi - lo);
      fa = f(a);
    } else {
      [lo, a, fa] = [a, b, fb];
      b = lo + phi * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export type ReliabilityBin = { from: number; to: number; count: number; meanConfidence: number; accuracy: number };

/**
 * Expected calibration error over equal-width confidence bins: the gap between how sure the
 * router said it was and how often it was right, weighted by how many decisions fall in each bin.
 */
export function reliability(points: readonly { confidence: number; correct: boolean }[], binCount = 10): { ece: number; bins: ReliabilityBin[] } {
  const bins: ReliabilityBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: i / binCount,
    to: (i + 1) / binCount,
    count: 0,
    meanConfidence: 0,
    accuracy: 0,
  }));
  for (const p of points) {
    const bin = bins[Math.min(binCount - 1, Math.max(0, Math.floor(p.confidence * binCount)))];
    if (!bin) continue;
    bin.count += 1;
    bin.meanConfidence += p.confidence;
    bin.accuracy += p.correct ? 1 : 0;
  }
  let ece = 0;
  for (const bin of bins) {
    if (bin.count === 0) continue;
    bin.meanConfidence /= bin.count;
    bin.accuracy /= bin.count;
    ece += (bin.count / Math.max(points.length, 1)) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return { ece, bins };
}
