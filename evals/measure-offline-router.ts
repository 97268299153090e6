// Measures the offline router (local embedding + nearest-example vote) on the BANKING77 dev sample,
// with the rest of the train split as the labelled examples. Exact in-memory cosine top-k stands in
// for pgvector's HNSW index. A second figure, leave-one-out over a fixed sample of 1,500 train rows,
// has 2.5x the rows of the dev sample and so tells real gains from noise when tuning.
//   npx tsx evals/measure-offline-router.ts           the table of the variants worth reporting
//   npx tsx evals/measure-offline-router.ts --sweep   the wider exploration (slow: minutes)
import { seededRandom } from "../lib/seeded-random.js";
import { loadBanking77, type Banking77Row } from "./datasets/banking77/load-banking77.js";
import { createLocalEmbedding, defaultLocalEmbeddingOptions, type LocalEmbeddingOptions } from "../src/ml/local-embedding.js";
import { defaultVoteOptions, vote, type VoteOptions, type VoteResult } from "../src/ml/nearest-vote.js";

const fetchK = 50;
const tuningRows = 1500;

type Ranked = { indexes: Int32Array; similarities: Float32Array };

/** Exact cosine top-k (unit vectors, so a dot product); `skip` leaves the query itself out. */
function topK(query: Float32Array, corpus: Float32Array, dim: number, k: number, skip = -1): Ranked {
  // Hashed vectors are sparse: walking only the query's non-zero positions is several times faster.
  const at: number[] = [];
  const weight: number[] = [];
  query.forEach((value, d) => {
    if (value !== 0) [at[at.length], weight[weight.length]] = [d, value];
  });
  const n = corpus.length / dim;
  const indexes = new Int32Array(k).fill(-1);
  const similarities = new Float32Array(k).fill(-Infinity);
  let floor = -Infinity;
  for (let row = 0; row < n; row++) {
    if (row === skip) continue;
    const base = row * dim;
    let s = 0;
    for (let j = 0; j < at.length; j++) s += (weight[j] ?? 0) * (corpus[base + (at[j] ?? 0)] ?? 0);
    if (s <= floor) continue;
    let slot = k - 1;
    while (slot > 0 && (similarities[slot - 1] ?? Infinity) < s) {
      similarities[slot] = similarities[slot - 1] ?? 0;
      indexes[slot] = indexes[slot - 1] ?? 0;
      slot--;
    }
    similarities[slot] = s;
    indexes[slot] = row;
    floor = similarities[k - 1] ?? -Infinity;
  }
  return { indexes, similarities };
}

/** A fixed pseudo-random sample (mulberry32), so every run scores the same rows. */
function sample(n: number, size: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order.slice(0, size);
}

type Scores = { accuracy: number; strictAccuracy: number; answeredAccuracy: number; abstainRate: number; precision: number; recall: number };

/**
 * Accuracy counts the winning label, abstained or not; strict accuracy counts an abstention as a
 * miss; answered accuracy is over the rows that were not abstained. Handover precision and recall
 * are what a live turn does: a division label that was not abstained on hands over, anything else
 * (bot, or an abstention that becomes a clarifying question) does not.
 */
function score(gold: readonly string[], predicted: readonly VoteResult[]): Scores {
  let correct = 0,
    answered = 0,
    answeredCorrect = 0,
    truePos = 0,
    predPos = 0,
    goldPos = 0;
  gold.forEach((label, i) => {
    const p = predicted[i];
    const hit = p?.label === label;
    const predHandover = p?.label != null && p.label !== "bot" && !p.abstain;
    correct += hit ? 1 : 0;
    if (p && !p.abstain) [answered, answeredCorrect] = [answered + 1, answeredCorrect + (hit ? 1 : 0)];
    predPos += predHandover ? 1 : 0;
    goldPos += label !== "bot" ? 1 : 0;
    truePos += predHandover && label !== "bot" ? 1 : 0;
  });
  const n = gold.length;
  return {
    accuracy: correct / n,
    strictAccuracy: answeredCorrect / n,
    answeredAccuracy: answeredCorrect / Math.max(answered, 1),
    abstainRate: 1 - answered / n,
    precision: truePos / Math.max(predPos, 1),
    recall: truePos / Math.max(goldPos, 1),
  };
}

type VoteVariant = { name: string; options: Partial<VoteOptions> };
type Variant = { name: string; embedding: Partial<LocalEmbeddingOptions>; votes: readonly VoteVariant[] };

function predict(examples: readonly Banking77Row[], ranked: readonly Ranked[], options: Partial<VoteOptions>): VoteResult[] {
  return ranked.map(({ indexes, similarities }) =>
    vote(
      Array.from(indexes, (index, i) => ({ label: examples[index]?.label ?? "", similarity: similarities[i] ?? 0 })),
      options,
    ),
  );
}

const fmt = (x: number): string => x.toFixed(3);

function measure(variants: readonly Variant[]): void {
  const { examples, dev } = loadBanking77();
  const tuning = sample(examples.length, tuningRows, 77);
  console.log(`examples ${examples.length}, dev ${dev.length}, leave-one-out sample ${tuning.length}\n`);
  console.log("| embedding | vote | dev acc. | dev strict | dev answered | dev abstain | handover P | handover R | LOO acc. | LOO answered | LOO abstain |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const variant of variants) {
    const started = performance.now();
    const embed = createLocalEmbedding(variant.embedding);
    const dim = variant.embedding.dimensions ?? defaultLocalEmbeddingOptions.dimensions;
    const corpus = new Float32Array(examples.length * dim);
    examples.forEach((e, i) => {
      corpus.set(embed(e.text), i * dim);
    });
    const devRanked = dev.map((row) => topK(embed(row.text), corpus, dim, fetchK));
    const looRanked = tuning.map((i) => topK(corpus.subarray(i * dim, (i + 1) * dim), corpus, dim, fetchK, i));
    const looGold = tuning.map((i) => examples[i]?.label ?? "");
    for (const v of variant.votes) {
      const d = score(
        dev.map((row) => row.label),
        predict(examples, devRanked, v.options),
      );
      const l = score(looGold, predict(examples, looRanked, v.options));
      const figures = [d.accuracy, d.strictAccuracy, d.answeredAccuracy, d.abstainRate, d.precision, d.recall, l.accuracy, l.answeredAccuracy, l.abstainRate];
      console.log(`| ${variant.name} | ${v.name} | ${figures.map(fmt).join(" | ")} |`);
    }
    console.error(`  ${variant.name}: ${Math.round(performance.now() - started)} ms`);
  }
}

const voteVariant = (options: Partial<VoteOptions>): VoteVariant => {
  const o = { ...defaultVoteOptions, ...options };
  return { name: `k=${o.k} p=${o.power} conf≥${o.minConfidence} sim≥${o.minSimilarity}`, options };
};
const chosen = voteVariant({});
const chosenEmbedding = `hash-v1 dim=${defaultLocalEmbeddingOptions.dimensions}`;

// The report: the chosen setting, the dimension trade-off, the vote variants and the ablations.
const report: Variant[] = [
  {
    name: chosenEmbedding,
    votes: [
      chosen,
      ...[{ k: 1 }, { k: 5 }, { k: 25 }, { power: 0 }, { power: 8 }, { k: 15, power: 8 }].map(voteVariant),
      ...[{ minConfidence: 0.3 }, { minConfidence: 0.5 }, { minConfidence: 0.6 }, { minConfidence: 0.7 }, { minSimilarity: 0.2 }, { minSimilarity: 0.45 }].map(
        voteVariant,
      ),
    ],
    embedding: {},
  },
  ...[256, 1024, 2000].map((dimensions) => ({ name: `hash-v1 dim=${dimensions}`, embedding: { dimensions }, votes: [chosen] })),
  { name: "no character n-grams", embedding: { charWeight: 0 }, votes: [chosen] },
  { name: "no word pairs", embedding: { bigramWeight: 0 }, votes: [chosen] },
  { name: "stopwords not down-weighted", embedding: { stopwordWeight: 1 }, votes: [chosen] },
  { name: "stopwords dropped", embedding: { stopwordWeight: 0 }, votes: [chosen] },
  { name: "character 3–4-grams only", embedding: { charNgramSizes: [3, 4] }, votes: [chosen] },
];

// The wider grid behind the choice (slow): every k × power for each single-option change.
const gridVotes = [1, 3, 5, 7, 10, 15, 25].flatMap((k) => [0, 2, 4, 8].map((power) => voteVariant({ k, power })));
const sweep: Variant[] = [
  ...[256, 512, 1024, 2000].map((dimensions) => ({ name: `dim=${dimensions}`, embedding: { dimensions }, votes: gridVotes })),
  ...[0, 0.15, 0.5, 1].map((stopwordWeight) => ({ name: `stopword weight=${stopwordWeight}`, embedding: { stopwordWeight }, votes: gridVotes })),
  ...[0, 0.3, 1].map((bigramWeight) => ({ name: `bigram weight=${bigramWeight}`, embedding: { bigramWeight }, votes: gridVotes })),
  ...[0, 0.5, 1.5].map((charWeight) => ({ name: `char weight=${charWeight}`, embedding: { charWeight }, votes: gridVotes })),
  ...[0, 0.5].map((wordWeight) => ({ name: `word weight=${wordWeight}`, embedding: { wordWeight }, votes: gridVotes })),
  ...[
    [3, 4],
    [2, 3, 4, 5],
    [4, 5],
    [3, 4, 5, 6],
  ].map((sizes) => ({ name: `char n=${sizes.join(",")}`, embedding: { charNgramSizes: sizes }, votes: gridVotes })),
];

measure(process.argv.includes("--sweep") ? sweep : report);
