import { asc, eq } from "drizzle-orm";
import type { Banking77 } from "../../evals/datasets/banking77/load-banking77.js";
import { nearestExamples } from "../../src/db/queries/examples.js";
import { examples } from "../../src/db/schema/examples.js";
import { embeddingDimensions } from "../../src/domain/embedding.js";
import { embedLocal } from "../../src/ml/local-embedding.js";
import { addExamples, maxExamplesPerCall } from "../../src/services/memory/example-service.js";
import { recallForTurn, recallLimits } from "../../src/services/memory/recall.js";
import { exampleCorpus, queryTexts } from "./example-corpus.js";
import { analyzeExamples, analyzeState, createIndex, dropHnswIndex, explainNearest, type NearestPlan, relationSizesMb } from "./examples-plan.js";
import { exactTopK, type Hit, packVectors, type RecallScore, recallAtK, type VectorMatrix } from "./exact-knn.js";
import { type LatencySummary, timeCalls } from "./latency.js";
import { openSemanticSubject, type SemanticSubject } from "./semantic-subject.js";

export type IndexMode = "maintained" | "rebuilt";

export type NearestSettings = { queries: number; warmupQueries: number; recallQueries: number; maxStepSec: number; indexMode: IndexMode };

export type ImportCost = {
  rows: number;
  indexMode: IndexMode;
  calls: number;
  totalMs: number;
  embedMs: number;
  insertMs: number;
  indexBuildMs: number | null;
  tableMb: number;
  hnswMb: number;
};

// addExamples refreshes the planner statistics itself, so there is one state to measure: as imported.
export type StatsState = "as imported";

export type StateResult = {
  state: StatsState;
  plan: NearestPlan;
  nearest: LatencySummary;
  recallForTurn: LatencySummary;
  recall: RecallScore;
};

export type SizeResult = {
  size: number;
  import: ImportCost;
  analyzeMs: number;
  statsBefore: Awaited<ReturnType<typeof analyzeState>>;
  exact: LatencySummary;
  states: StateResult[];
};

type Log = (message: string) => void;

/** One size, on its own fresh database: import, then query latency as imported. */
export async function measureSize(bank: Banking77, size: number, settings: NearestSettings, log: Log): Promise<SizeResult> {
  const subject = await openSemanticSubject(bank.divisions);
  try {
    const corpus = exampleCorpus(bank.examples, size).map((row) => ({ text: row.text, label: subject.labelFor(row.label) }));
    const { indexMode } = settings;
    log(`${String(size)}: importing (${indexMode === "maintained" ? "HNSW index maintained on insert" : "HNSW index dropped, built after"})`);
    const cost = await importCorpus(subject, corpus, indexMode);
    log(`${String(size)}: imported in ${(cost.totalMs / 1000).toFixed(1)} s; loading ids and the exact baseline`);
    const positions = await positionsById(subject, corpus.length);
    const matrix = packVectors(
      corpus.map((row) => nonZero(embedLocal(row.text))),
      embeddingDimensions,
    );
    const texts = queryTexts(bank.dev, settings.queries + settings.warmupQueries);
    const vectors = await subject.deps.embedder.embed(texts);
    const vectorAt = (i: number) => vectors[i % vectors.length] ?? [];
    const truth = Array.from({ length: Math.min(settings.recallQueries, vectors.length) }, (_, i) => exactTopK(matrix, vectorAt(i), recallLimits.neighbours));

    const timing = { calls: settings.queries, warmup: settings.warmupQueries, maxSec: settings.maxStepSec };
    // The measured calls take the queries after the warm-up ones, so none is a repeat.
    const exact = await timeCalls(timing, (i) => exactTopK(matrix, vectorAt(i), recallLimits.neighbours));
    const statsBefore = await analyzeState(subject.database.db);
    const states: StateResult[] = [];
    log(`${String(size)}: as imported: EXPLAIN, nearestExamples, recallForTurn`);
    states.push(await measureState(subject, "as imported", { timing, texts, vectorAt, truth, matrix, positions }));
    // What the statistics refresh that addExamples runs costs at this size.
    const analyzeMs = await analyzeExamples(subject.database.db);
    return { size, import: cost, analyzeMs, statsBefore, exact, states };
  } finally {
    await subject.database.close();
  }
}

const nonZero = (v: Float32Array) => (v.some((x) => x !== 0) ? v : null);

/** `addExamples` as the API calls it (≤ 50,000 rows per call), timed with embedding apart. */
async function importCorpus(subject: SemanticSubject, corpus: { text: string; label: string }[], indexMode: IndexMode): Promise<ImportCost> {
  const { deps, botId, database } = subject;
  const definition = indexMode === "rebuilt" ? await dropHnswIndex(database.db) : null;
  deps.embedder.spentMs = 0;
  const started = performance.now();
  let calls = 0;
  for (let i = 0; i < corpus.length; i += maxExamplesPerCall) {
    await addExamples(deps, botId, corpus.slice(i, i + maxExamplesPerCall), "import");
    calls++;
  }
  const addMs = performance.now() - started;
  const indexBuildMs = definition === null ? null : await createIndex(database.db, definition);
  const sizes = await relationSizesMb(database.db);
  const embedMs = deps.embedder.spentMs;
  return { rows: corpus.length, indexMode, calls, totalMs: addMs + (indexBuildMs ?? 0), embedMs, insertMs: addMs - embedMs, indexBuildMs, ...sizes };
}

/** Example id → its position in the corpus: one call inserts in order, so seq order is corpus order. */
async function positionsById(subject: SemanticSubject, expected: number): Promise<Map<string, number>> {
  const rows = await subject.database.db.select({ id: examples.id }).from(examples).where(eq(examples.botId, subject.botId)).orderBy(asc(examples.seq));
  if (rows.length !== expected) throw new Error(`expected ${String(expected)} examples, found ${String(rows.length)}`);
  return new Map(rows.map((row, position) => [row.id, position]));
}

type StateInputs = {
  timing: { calls: number; warmup: number; maxSec: number };
  texts: string[];
  vectorAt(i: number): number[];
  truth: Hit[][];
  matrix: VectorMatrix;
  positions: Map<string, number>;
};

async function measureState(subject: SemanticSubject, state: StatsState, inputs: StateInputs): Promise<StateResult> {
  const { deps, botId, database } = subject;
  const model = deps.embedder.model;
  const plan = await explainNearest(database.db, botId, model, inputs.vectorAt(0), recallLimits.neighbours);
  const answers = new Map<number, Hit[]>();
  const nearest = await timeCalls(inputs.timing, async (i) => {
    const found = await nearestExamples(database.db, botId, model, inputs.vectorAt(i), recallLimits.neighbours);
    if (i < inputs.truth.length)
      answers.set(
        i,
        found.map((n) => ({ position: inputs.positions.get(n.id) ?? -1, similarity: n.similarity })),
      );
  });
  // Recall is scored on the first queries (warm-up calls included, they are the same queries).
  const cases = inputs.truth.flatMap((exact, i) => {
    const approximate = answers.get(i);
    return approximate ? [{ approximate, exact }] : [];
  });
  const turn = await timeCalls(inputs.timing, (i) => recallForTurn(deps, botId, inputs.texts[i % inputs.texts.length] ?? ""));
  return { state, plan, nearest, recallForTurn: turn, recall: recallAtK(cases, recallLimits.neighbours) };
}
