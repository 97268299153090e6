import { loadavg } from "node:os";
import pino from "pino";
import { type RetentionPeriods, retentionDefaults } from "../src/config.js";
import { noMetrics } from "../src/metrics/metrics.js";
import { type PassResult, runRetentionPass } from "../src/services/retention/retention-pass.js";
import { systemClock } from "../src/time/clock.js";
import { type Bench, type BenchReport, booleanFlag, fixed, type Flags, numberFlag } from "./lib/bench.js";
import { compareQueues, type QueueLatency } from "./lib/claim-latency.js";
import { type BenchDatabase, countJobs, fillFinishedJobs, openBenchDatabase, vacuumJobs } from "./lib/queue-databases.js";

/**
 * Does the claim query's cost grow with history? The queue's hot path (enqueue one job, a worker's
 * batch claim, complete) timed on an empty queue and, in turns, on one holding `--jobs` finished
 * jobs that went through the queue as real ones do. Then one retention pass over them with the
 * default periods (finish times spread over 60 days, so most are past the 7 and 30 days), and a
 * second pass, which has nothing left to do.
 *
 * Flags: --jobs=1000000 --cycles=300 (timed enqueue+claim cycles per state) --batch=1000
 *        --postgres (TEST_DATABASE_URL or --database-url)
 */
const aims = { claimRatio: 1.5, steadyPassMs: 1000 };

type Settings = { jobs: number; cycles: number; batchRows: number; postgresUrl: string | null };

function readSettings(flags: Flags): Settings {
  const postgres = booleanFlag(flags, "postgres");
  const url = typeof flags["database-url"] === "string" ? flags["database-url"] : process.env.TEST_DATABASE_URL;
  if (postgres && !url) throw new Error("--postgres needs --database-url or TEST_DATABASE_URL (scripts/postgres-test-server.sh run -- …)");
  return {
    jobs: numberFlag(flags, "jobs", 1_000_000, { min: 1000, max: 20_000_000 }),
    cycles: numberFlag(flags, "cycles", 300, { min: 20, max: 100_000 }),
    batchRows: numberFlag(flags, "batch", 1000, { min: 10, max: 100_000 }),
    postgresUrl: postgres && url ? url : null,
  };
}

const periods: RetentionPeriods = {
  transcriptsDays: retentionDefaults.transcripts,
  deliveriesDays: retentionDefaults.deliveries,
  jobsDays: retentionDefaults.jobs,
  deadJobsDays: retentionDefaults.deadJobs,
  decisionsDays: retentionDefaults.decisions,
};

type State = { state: string; rows: number; empty: QueueLatency; history: QueueLatency };
type Pass = { label: string; rowsBefore: number; result: PassResult };

export const claimHistoryBench: Bench = {
  name: "claim-history",
  description: "enqueue and claim latency with 0 vs a million finished jobs, and one retention pass over them",
  async run(context): Promise<BenchReport> {
    const settings = readSettings(context.flags);
    const [loadAverage = Number.NaN] = loadavg();
    const label = settings.postgresUrl ? "Postgres" : "embedded PGlite";
    const empty = await openBenchDatabase("empty", settings.postgresUrl);
    const history = await openBenchDatabase("history", settings.postgresUrl);
    const states: State[] = [];
    const passes: Pass[] = [];
    const fill = { sec: Number.NaN };
    try {
      let firstId = 0;
      const measure = async (state: string, cycles: number) => {
        context.log(`${state}: ${String(cycles)} enqueue+claim cycles on each database, in turns`);
        const [e, h] = await compareQueues(empty, history, { cycles, warmup: 10, firstId });
        firstId += cycles + 10;
        states.push({ state, rows: await countJobs(history), empty: e, history: h });
        context.log(`  claim p50 ${fixed(e.claim.p50Ms, 2)} ms empty, ${fixed(h.claim.p50Ms, 2)} ms with history`);
      };
      const started = performance.now();
      context.log(`${label}: filling ${String(settings.jobs)} finished jobs (inserted pending, then finished)`);
      await fillFinishedJobs(history, { jobs: settings.jobs, spreadDays: 60, now: new Date() });
      fill.sec = (performance.now() - started) / 1000;
      // Before any vacuum every finished job still has its entry in the claim index: what the
      // embedded database looked like before it vacuumed the queue. Fewer cycles: each is slow.
      await measure("finished since the last vacuum", Math.min(settings.cycles, 60));
      await vacuumJobs(history);
      await vacuumJobs(empty);
      await measure("finished and vacuumed", settings.cycles);
      passes.push(
        await prune(history, settings, "first pass (catch-up)", (m) => {
          context.log(m);
        }),
      );
      await measure("after the pass", settings.cycles);
      passes.push(
        await prune(history, settings, "second pass (nothing due)", (m) => {
          context.log(m);
        }),
      );
    } finally {
      await empty.dispose();
      await history.dispose();
    }
    return report(settings, label, fill.sec, states, passes, loadAverage);
  },
};

async function prune(database: BenchDatabase, settings: Settings, label: string, log: (m: string) => void): Promise<Pass> {
  const rowsBefore = await countJobs(database);
  log(`${label}: retention pass over ${String(rowsBefore)} jobs, batches of ${String(settings.batchRows)}`);
  const deps = { db: database.db, clock: systemClock, logger: pino({ level: "silent" }), metrics: noMetrics };
  const result = await runRetentionPass(deps, { periods, batchRows: settings.batchRows, vacuum: database.kind === "pglite" });
  log(`  ${fixed(result.ms / 1000, 1)} s`);
  return { label, rowsBefore, result };
}

function report(settings: Settings, label: string, fillSec: number, states: State[], passes: Pass[], loadAverage: number): BenchReport {
  const ms = (v: number) => fixed(v, 2);
  const stateRows = states.map((s) => [
    s.state,
    String(s.rows),
    `${ms(s.empty.claim.p50Ms)} / ${ms(s.empty.claim.p99Ms)}`,
    `${ms(s.history.claim.p50Ms)} / ${ms(s.history.claim.p99Ms)}`,
    `${fixed(s.history.claim.p50Ms / s.empty.claim.p50Ms, 2)} / ${fixed(s.history.claim.p99Ms / s.empty.claim.p99Ms, 2)}`,
    `${ms(s.empty.enqueue.p50Ms)} / ${ms(s.empty.enqueue.p99Ms)}`,
    `${ms(s.history.enqueue.p50Ms)} / ${ms(s.history.enqueue.p99Ms)}`,
  ]);
  const deleted = (p: Pass) => p.result.steps.filter((s) => s.table === "jobs").reduce((sum, s) => sum + s.rows, 0);
  const batches = (p: Pass) => p.result.steps.reduce((sum, s) => sum + s.batches, 0);
  const passRows = passes.map((p) => {
    const deleteMs = p.result.ms - p.result.vacuumMs;
    return [
      p.label,
      String(p.rowsBefore),
      String(deleted(p)),
      String(batches(p)),
      fixed(deleteMs / batches(p), 1),
      fixed(deleteMs / 1000, 2),
      fixed(p.result.vacuumMs / 1000, 2),
      fixed(p.result.ms / 1000, 2),
    ];
  });
  const kept = states.find((s) => s.state === "finished and vacuumed");
  const steady = passes.at(-1);
  const ratio = kept ? kept.history.claim.p50Ms / kept.empty.claim.p50Ms : Number.NaN;
  return {
    tables: [
      {
        title: `Queue hot path, ${label}: ms p50 / p99 over ${String(settings.cycles)} cycles each, the two databases in turns`,
        columns: ["history", "jobs in table", "claim, empty", "claim, history", "ratio", "enqueue, empty", "enqueue, history"],
        rows: stateRows,
      },
      {
        title: "Retention passes over the history (default periods: done 7 days, dead 30)",
        columns: ["pass", "jobs before", "jobs deleted", "statements", "ms each", "delete s", "vacuum s", "total s"],
        rows: passRows,
      },
    ],
    aims: [
      {
        label: `claim p50 with ${String(settings.jobs)} finished jobs kept ≤ ${String(aims.claimRatio)}× an empty queue's`,
        met: ratio <= aims.claimRatio,
        actual: `${fixed(ratio, 2)}×`,
      },
      {
        label: `a pass with nothing due ≤ ${String(aims.steadyPassMs)} ms`,
        met: (steady?.result.ms ?? Infinity) <= aims.steadyPassMs,
        actual: `${fixed(steady?.result.ms ?? Number.NaN, 0)} ms`,
      },
    ],
    notes: [
      `filling the history took ${fixed(fillSec, 0)} s; the machine's load average was ${fixed(loadAverage, 1)} at the start (other ` +
        `processes' CPU shows in the p99s)`,
      "'finished since the last vacuum': every finished job still has a dead entry in the claim index, which claims read until a vacuum " +
        "removes it; Postgres's autovacuum does, the embedded database has none and its retention scheduler vacuums the queue every 10,000 " +
        "jobs",
    ],
    data: { settings, label, fillSec, states, passes: passes.map((p) => ({ label: p.label, rowsBefore: p.rowsBefore, ...p.result })) },
  };
}
