import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadBanking77 } from "../evals/datasets/banking77/load-banking77.js";
import { localEmbeddingModel } from "../src/ml/local-embedding.js";
import { type Aim, type Bench, type BenchReport, booleanFlag, fixed, type Flags, numberFlag, type Table } from "./lib/bench.js";
import type { LatencySummary } from "./lib/latency.js";
import { measureSize, type NearestSettings, type SizeResult } from "./lib/nearest-at-size.js";

/**
 * Semantic memory on the embedded database: the cost of a bulk import of labelled examples and
 * the latency of the nearest-neighbour query, at 1k and 10k examples (100k with --large), each size
 * on a fresh in-memory PGlite migrated as in production. Baseline: an exact cosine top-10 in plain
 * JS over the same vectors, measured in the same run (the floor without a database).
 *
 * Flags: --large (add 100,000 examples) --sizes=1000,10000 --queries=300 --warmup-queries=20
 *        --recall-queries=100 --max-step-sec=60 --index=maintained|rebuilt
 *        (rebuilt: drop the HNSW index before the import and build it after, timed apart)
 */
const aims = { p95Ms: 20, atSize: 10_000 };
const largeSize = 100_000;

function settingsFrom(flags: Flags): NearestSettings & { sizes: number[] } {
  const index = flags.index ?? "maintained";
  if (index !== "maintained" && index !== "rebuilt") throw new Error("--index must be maintained or rebuilt");
  const rawSizes = typeof flags.sizes === "string" ? flags.sizes.split(",").map(Number) : [1_000, 10_000];
  if (rawSizes.some((n) => !Number.isInteger(n) || n < 100 || n > 200_000)) throw new Error("--sizes must be integers from 100 to 200000, comma-separated");
  const sizes = [...new Set([...rawSizes, ...(booleanFlag(flags, "large") ? [largeSize] : [])])].sort((a, b) => a - b);
  return {
    sizes,
    queries: numberFlag(flags, "queries", 300, { min: 10, max: 5_000 }),
    warmupQueries: numberFlag(flags, "warmup-queries", 20, { min: 0, max: 1_000 }),
    recallQueries: numberFlag(flags, "recall-queries", 100, { min: 10, max: 1_000 }),
    maxStepSec: numberFlag(flags, "max-step-sec", 60, { min: 5, max: 600 }),
    indexMode: index,
  };
}

const ms = (value: number) => fixed(value, 2);
const perK = (totalMs: number, rows: number) => fixed((totalMs / rows) * 1000, 0);

function importTable(results: SizeResult[]): Table {
  return {
    title:
      "Bulk import: addExamples (≤ 50,000 rows per call, one transaction each), local embeddings; insert = the rest of the call (label " +
      "check, INSERTs, commit)",
    columns: ["examples", "HNSW index", "calls", "total s", "embed ms/1k", "insert ms/1k", "index build s", "total ms/1k", "table MB", "index MB"],
    rows: results.map(({ import: c }) => [
      String(c.rows),
      c.indexMode === "maintained" ? "maintained on insert" : "built after",
      String(c.calls),
      fixed(c.totalMs / 1000, 1),
      perK(c.embedMs, c.rows),
      perK(c.insertMs, c.rows),
      c.indexBuildMs === null ? "-" : fixed(c.indexBuildMs / 1000, 1),
      perK(c.totalMs, c.rows),
      fixed(c.tableMb, 0),
      fixed(c.hnswMb, 0),
    ]),
  };
}

function latencyRow(size: number, step: string, plan: string, l: LatencySummary, baseline: LatencySummary, recall: string): string[] {
  return [
    String(size),
    step,
    plan,
    String(l.calls),
    ms(l.p50Ms),
    ms(l.p95Ms),
    ms(l.p99Ms),
    fixed(l.p50Ms / baseline.p50Ms, 2),
    fixed(l.p95Ms / baseline.p95Ms, 2),
    recall,
  ];
}

function latencyTable(results: SizeResult[]): Table {
  return {
    title: "Query latency, sequential calls after warm-up (ratio = p50 / p95 against the exact JS top-10 at the same size)",
    columns: ["examples", "call", "plan", "calls", "p50 ms", "p95 ms", "p99 ms", "ratio p50", "ratio p95", "recall@10 / tie-aware"],
    rows: results.flatMap((r) => [
      latencyRow(r.size, "exact top-10 in JS (baseline)", "-", r.exact, r.exact, "1 (truth)"),
      ...r.states.flatMap((s) => [
        latencyRow(
          r.size,
          `nearestExamples, ${s.state}`,
          s.plan.usesHnsw ? "HNSW" : "no HNSW",
          s.nearest,
          r.exact,
          `${fixed(s.recall.overlap, 3)} / ${fixed(s.recall.tieAware, 3)} (${String(s.recall.queries)} q)`,
        ),
        latencyRow(r.size, `recallForTurn, ${s.state}`, s.plan.usesHnsw ? "HNSW" : "no HNSW", s.recallForTurn, r.exact, "-"),
      ]),
    ]),
  };
}

function planTable(results: SizeResult[]): Table {
  return {
    title: "EXPLAIN ANALYZE of the nearestExamples statement (first query), as imported",
    columns: ["examples", "statistics", "scan chosen", "execution ms"],
    rows: results.flatMap((r) => r.states.map((s) => [String(r.size), s.state, s.plan.scan, ms(s.plan.executionMs)])),
  };
}

function aimsFor(results: SizeResult[]): Aim[] {
  const at = results.find((r) => r.size === aims.atSize);
  if (!at) return [];
  const aim = (call: "nearest" | "recallForTurn"): Aim => {
    const s = at.states[0];
    const p95 = s ? s[call].p95Ms : Number.NaN;
    const name = call === "nearest" ? "nearestExamples" : "recallForTurn";
    return {
      label: `${name} p95 < ${String(aims.p95Ms)} ms at ${String(aims.atSize)} examples, as imported`,
      met: p95 < aims.p95Ms,
      actual: `${ms(p95)} ms (${s?.plan.usesHnsw === true ? "HNSW" : "no HNSW"})`,
    };
  };
  return [aim("nearest"), aim("recallForTurn")];
}

function notesFor(results: SizeResult[], settings: NearestSettings): string[] {
  const unanalyzed = results.filter((r) => r.statsBefore.lastAnalyze === null && r.statsBefore.lastAutoanalyze === null);
  const short = results.flatMap((r) => [
    ...(r.exact.calls < 200 ? [`${String(r.size)} exact JS`] : []),
    ...r.states.flatMap((s) => (s.nearest.calls < 200 || s.recallForTurn.calls < 200 ? [`${String(r.size)} ${s.state}`] : [])),
  ]);
  return [
    `each size: fresh memory:// PGlite + production migrations, one bot with the 8 BANKING77 divisions (createBot, createDivision), ` +
      `examples from the BANKING77 train rows (seeded shuffle; past one pass each text gets a "refN" word so vectors differ), embedded ` +
      `with ${localEmbeddingModel}`,
    `queries: BANKING77 dev-sample texts (excluded from the examples), ${String(settings.warmupQueries)} warm-up + up to ` +
      `${String(settings.queries)} measured per call, each step capped at ${String(settings.maxStepSec)} s; nearestExamples gets a ` +
      `pre-computed vector, recallForTurn embeds the text and also queries the (empty) knowledge table`,
    `recall@10: set overlap of nearestExamples' top-10 with the exact JS top-10 over the same float32 vectors, first ` +
      `${String(settings.recallQueries)} queries; tie-aware also counts a neighbour as similar as the exact 10th (repeated texts tie)`,
    `PGlite has no autovacuum daemon, so addExamples refreshes the planner statistics itself: ` +
      (unanalyzed.length === 0 ? "every size had statistics when queried" : `no statistics at ${unanalyzed.map((r) => String(r.size)).join(", ")}`),
    `ANALYZE examples took ${results.map((r) => `${fixed(r.analyzeMs, 0)} ms at ${String(r.size)}`).join(", ")}`,
    ...(short.length > 0 ? [`fewer than 200 measured calls (--queries or the --max-step-sec cap) for: ${short.join(", ")}`] : []),
  ];
}

export const nearestExamplesBench: Bench = {
  name: "nearest-examples",
  description: "examples bulk import and nearest-neighbour query (HNSW on PGlite) at 1k/10k (100k with --large) vs exact JS top-10",
  async run(context): Promise<BenchReport> {
    const settings = settingsFrom(context.flags);
    const bank = loadBanking77();
    const results: SizeResult[] = [];
    for (const size of settings.sizes)
      results.push(
        await measureSize(bank, size, settings, (message) => {
          context.log(message);
        }),
      );
    const data = { settings, thresholds: aims, results };
    // Kept beside the latest-run file bench/run.ts writes, so several runs can be compared.
    const stamped = join(context.resultsDir, "..", `nearest-examples-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(stamped, `${JSON.stringify({ bench: "nearest-examples", at: new Date().toISOString(), ...data }, null, 2)}\n`);
    context.log(`${stamped} written`);
    return { tables: [importTable(results), latencyTable(results), planTable(results)], aims: aimsFor(results), notes: notesFor(results, settings), data };
  },
};
