// The second stage of the offline fallback: the database returns the k labelled examples nearest to
// the customer's turn, and this pure function turns them into one label, or an abstention that
// sends the turn to the bot's clarifying question.

export type Neighbour = {
  /** What the example routes to: a division id, or "bot". */
  label: string;
  /** Cosine similarity to the query (1 − pgvector's `<=>` distance), in [-1, 1]. */
  similarity: number;
};

export type VoteOptions = {
  /** How many of the nearest neighbours vote (they are sorted here; the caller may pass more). */
  k: number;
  /** Each vote weighs similarity^power: higher powers let the closest examples dominate. */
  power: number;
  /** Abstain when the winner holds less than this share of the total vote. */
  minConfidence: number;
  /** Abstain when even the nearest example is less similar than this: the turn is off-topic. */
  minSimilarity: number;
};

// Measured on BANKING77 with the local embedding (see evals/measure-offline-router.ts).
export const defaultVoteOptions: VoteOptions = { k: 10, power: 4, minConfidence: 0.4, minSimilarity: 0.35 };

export type LabelScore = { label: string; score: number };

export type VoteResult = {
  /** The winning label, also when abstaining (so the decision log can say what it would have been). */
  label: string | null;
  /** The winner's share of the vote, in [0, 1]. */
  confidence: number;
  /** The other labels that got votes, best first, with their share of the vote. */
  runnerUp: LabelScore[];
  abstain: boolean;
};

/** Similarity-weighted vote over the nearest examples. Ties go to the label seen first. */
export function vote(neighbours: readonly Neighbour[], options: Partial<VoteOptions> = {}): VoteResult {
  const o = { ...defaultVoteOptions, ...options };
  // A stable sort, so equal similarities keep the caller's (the database's) order.
  const voters = [...neighbours].sort((a, b) => b.similarity - a.similarity).slice(0, Math.max(o.k, 0));
  const scores = new Map<string, number>();
  let total = 0;
  for (const voter of voters) {
    // Examples pointing away from the query (negative cosine) get no say rather than a negative one.
    const weight = voter.similarity > 0 ? voter.similarity ** o.power : 0;
    scores.set(voter.label, (scores.get(voter.label) ?? 0) + weight);
    total += weight;
  }
  const ranked = [...scores].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
  const [winner, ...others] = ranked;
  if (!winner || total === 0) return { label: winner?.label ?? null, confidence: 0, runnerUp: [], abstain: true };
  const confidence = winner.score / total;
  const runnerUp = others.map(({ label, score }) => ({ label, score: score / total }));
  const nearest = voters[0]?.similarity ?? 0;
  return { label: winner.label, confidence, runnerUp, abstain: confidence < o.minConfidence || nearest < o.minSimilarity };
}
