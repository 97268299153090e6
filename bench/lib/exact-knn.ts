/**
 * Exact cosine nearest neighbours over vectors packed in one Float32Array: the cost floor of the
 * query without a database (no SQL, no index, no text literal), and the ground truth for recall.
 */
export type VectorMatrix = {
  dimensions: number;
  data: Float32Array;
  /** 1 / |v| per packed row. */
  inverseNorms: Float32Array;
  /** Packed row → position in the input list (inputs without a vector are skipped). */
  positions: Int32Array;
};

export type Hit = { position: number; similarity: number };

export function packVectors(vectors: readonly (ArrayLike<number> | null)[], dimensions: number): VectorMatrix {
  const present = vectors.flatMap((v, position) => (v === null ? [] : [{ v, position }]));
  const data = new Float32Array(present.length * dimensions);
  const inverseNorms = new Float32Array(present.length);
  const positions = new Int32Array(present.length);
  present.forEach(({ v, position }, row) => {
    if (v.length !== dimensions) throw new Error(`vector ${String(position)} has ${String(v.length)} dimensions, not ${String(dimensions)}`);
    data.set(v, row * dimensions);
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += (v[d] ?? 0) ** 2;
    inverseNorms[row] = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    positions[row] = position;
  });
  return { dimensions, data, inverseNorms, positions };
}

/** The k most similar rows, most similar first (a sorted buffer of k: k is small). */
export function exactTopK(matrix: VectorMatrix, query: ArrayLike<number>, k: number): Hit[] {
  const { dimensions, data, inverseNorms, positions } = matrix;
  let queryNorm = 0;
  for (let d = 0; d < dimensions; d++) queryNorm += (query[d] ?? 0) ** 2;
  const queryScale = queryNorm === 0 ? 0 : 1 / Math.sqrt(queryNorm);
  const best: Hit[] = [];
  for (let row = 0; row < positions.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++) dot += (data[offset + d] ?? 0) * (query[d] ?? 0);
    const similarity = dot * (inverseNorms[row] ?? 0) * queryScale;
    if (best.length === k && similarity <= (best[k - 1]?.similarity ?? -Infinity)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]?.similarity ?? Infinity) < similarity) at--;
    best.splice(at, 0, { position: positions[row] ?? -1, similarity });
    if (best.length > k) best.pop();
  }
  return best;
}

export type RecallScore = { queries: number; overlap: number; tieAware: number };

/**
 * Recall@k of approximate answers against exact ones. `overlap` is the plain set overlap of
 * positions; `tieAware` also counts an answer whose exact similarity equals the k-th exact one
 * (BANKING77 repeats some texts, so several rows can tie at the cut-off).
 */
export function recallAtK(cases: { approximate: { position: number; similarity: number }[]; exact: Hit[] }[], k: number): RecallScore {
  let overlap = 0;
  let tieAware = 0;
  for (const { approximate, exact } of cases) {
    const exactSet = new Set(exact.map((h) => h.position));
    const cutoff = exact.at(-1)?.similarity ?? -Infinity;
    for (const hit of approximate.slice(0, k)) {
      if (exactSet.has(hit.position)) overlap++;
      if (exactSet.has(hit.position) || hit.similarity >= cutoff - 1e-5) tieAware++;
    }
  }
  const possible = cases.reduce((n, c) => n + Math.min(k, c.exact.length), 0);
  return { queries: cases.length, overlap: possible === 0 ? Number.NaN : overlap / possible, tieAware: possible === 0 ? Number.NaN : tieAware / possible };
}
