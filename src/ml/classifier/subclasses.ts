// A label often covers several unrelated requests ("bot" holds greetings, opening hours and exchange
// rates), and one linear boundary per label fits those poorly. Spherical k-means splits a label's
// examples into sub-classes that the linear model learns one by one; their probabilities are
// summed back into the label's.
import type { SparseVector } from "./features.js";
import { seededRandom } from "../../../lib/seeded-random.js";

function sparseDot(x: SparseVector, centroid: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.index.length; i++) s += (centroid[x.index[i] ?? 0] ?? 0) * (x.value[i] ?? 0);
  return s;
}

function normalise(v: Float64Array): void {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * scale;
}

/** Cluster index of each row: k-means++ seeding, then `iterations` rounds of cosine k-means. */
export function sphericalKMeans(rows: readonly SparseVector[], k: number, columns: number, seed: number, iterations = 8): Int32Array {
  const assignment = new Int32Array(rows.length);
  if (k <= 1 || rows.length <= k) return k <= 1 ? assignment : Int32Array.from(rows.keys());
  const random = seededRandom(seed);
  const centroids: Float64Array[] = [];
  const toCentroid = (x: SparseVector) => {
    const c = new Float64Array(columns);
    x.index.forEach((col, i) => (c[col] = (c[col] ?? 0) + (x.value[i] ?? 0)));
    normalise(c);
    return c;
  };
  centroids.push(toCentroid(rows[Math.floor(random() * rows.length)] ?? rows[0] ?? { index: new Int32Array(0), value: new Float32Array(0) }));
  const distance = rows.map((x) => 1 - sparseDot(x, centroids[0] ?? new Float64Array(columns)));
  while (centroids.length < k) {
    const total = distance.reduce((a, b) => a + Math.max(b, 0) ** 2, 0);
    let pick = random() * total;
    let chosen = 0;
    for (let i = 0; i < rows.length; i++) {
      pick -= Math.max(distance[i] ?? 0, 0) ** 2;
      if (pick <= 0) {
        chosen = i;
        break;
      }
    }
    const c = toCentroid(rows[chosen] ?? { index: new Int32Array(0), value: new Float32Array(0) });
    centroids.push(c);
    rows.forEach((x, i) => (distance[i] = Math.min(distance[i] ?? 1, 1 - sparseDot(x, c))));
  }
  for (let round = 0; round < iterations; round++) {
    rows.forEach((x, i) => {
      let best = 0;
      let bestSim = -Infinity;
      centroids.forEach((c, j) => {
        const sim = sparseDot(x, c);
        if (sim > bestSim) [best, bestSim] = [j, sim];
      });
      assignment[i] = best;
    });
    centroids.forEach((c) => c.fill(0));
    rows.forEach((x, i) => {
      const c = centroids[assignment[i] ?? 0];
      if (c) x.index.forEach((col, j) => (c[col] = (c[col] ?? 0) + (x.value[j] ?? 0)));
    });
    centroids.forEach(normalise);
  }
  return assignment;
}
