import type { Logger } from "pino";
import type { RetentionPeriods } from "../../config.js";
import type { Db } from "../../db/client.js";
import * as retentionQ from "../../db/queries/retention.js";
import type { Metrics } from "../../metrics/metrics.js";
import type { Clock } from "../../time/clock.js";

export type RetentionDeps = { db: Db; clock: Clock; logger: Logger; metrics: Metrics };

export type RetentionOptions = {
  periods: RetentionPeriods;
  /** Rows per statement: the longest any one statement holds its rows (and the embedded database). */
  batchRows: number;
  /** Pause between two batches, so deliveries and claims queued behind one run before the next. */
  pauseMs?: number;
  /** The embedded database has no autovacuum: vacuum what the pass changed. */
  vacuum?: boolean;
  /** Checked between batches: a stopping service ends the pass early (the next one carries on). */
  stopping?: () => boolean;
};

type Step = {
  name: string;
  table: retentionQ.PrunedTable;
  action: "deleted" | "erased";
  days: (p: RetentionPeriods) => number | null;
  run: (db: Db, batch: retentionQ.Batch) => Promise<number>;
};

/** In this order: the queue first (the hot path reads it), then deliveries, then text, then decisions. */
const steps: Step[] = [
  { name: "done jobs", table: "jobs", action: "deleted", days: (p) => p.jobsDays, run: (db, b) => retentionQ.deleteFinishedJobs(db, "done", b) },
  { name: "dead jobs", table: "jobs", action: "deleted", days: (p) => p.deadJobsDays, run: (db, b) => retentionQ.deleteFinishedJobs(db, "dead", b) },
  { name: "deliveries", table: "inbox_events", action: "deleted", days: (p) => p.deliveriesDays, run: retentionQ.deleteDeliveries },
  { name: "conversation history", table: "conversations", action: "erased", days: (p) => p.transcriptsDays, run: retentionQ.eraseConversationText },
  { name: "idle contacts", table: "conversations", action: "erased", days: (p) => p.transcriptsDays, run: retentionQ.eraseIdleContacts },
  { name: "decision text", table: "decisions", action: "erased", days: (p) => p.transcriptsDays, run: retentionQ.eraseDecisionText },
  { name: "decisions", table: "decisions", action: "deleted", days: (p) => p.decisionsDays, run: retentionQ.deleteDecisions },
];

export type StepResult = { step: string; table: retentionQ.PrunedTable; action: "deleted" | "erased"; rows: number; batches: number; ms: number };
export type PassResult = { steps: StepResult[]; vacuumMs: number; ms: number; stopped: boolean };

const dayMs = 86_400_000;
const pause = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * One retention pass (docs/decisions/0016): every kind of record older than its period is deleted,
 * or has its customer text erased, in batches of `batchRows`, until a batch comes back short. The
 * cut-offs are taken from the clock once, at the start. Idempotent, and safe with other processes
 * running it at the same time.
 */
export async function runRetentionPass(deps: RetentionDeps, options: RetentionOptions): Promise<PassResult> {
  const started = performance.now();
  const now = deps.clock.now().toMillis();
  const results: StepResult[] = [];
  let stopped = false;
  for (const step of steps) {
    const days = step.days(options.periods);
    if (days === null) continue;
    const result = await runStep(deps, step, { before: new Date(now - days * dayMs), limit: options.batchRows }, options);
    results.push(result.step);
    if (result.stopped) {
      stopped = true;
      break;
    }
  }
  const vacuumStarted = performance.now();
  if (options.vacuum === true && !stopped) {
    const changed = new Set(results.filter((r) => r.rows > 0).map((r) => r.table));
    for (const table of changed) await retentionQ.vacuumTable(deps.db, table);
  }
  const vacuumMs = performance.now() - vacuumStarted;
  const ms = performance.now() - started;
  deps.metrics.retentionPassed(ms / 1000);
  return { steps: results, vacuumMs, ms, stopped };
}

async function runStep(deps: RetentionDeps, step: Step, batch: retentionQ.Batch, options: RetentionOptions): Promise<{ step: StepResult; stopped: boolean }> {
  const started = performance.now();
  let rows = 0;
  let batches = 0;
  for (;;) {
    const n = await step.run(deps.db, batch);
    batches++;
    rows += n;
    if (n > 0) deps.metrics.retentionPruned({ table: step.table, action: step.action, rows: n });
    if (n < batch.limit) break;
    if (options.stopping?.() === true) return { step: summary(), stopped: true };
    await pause(options.pauseMs ?? 0);
  }
  return { step: summary(), stopped: false };

  function summary(): StepResult {
    return { step: step.name, table: step.table, action: step.action, rows, batches, ms: performance.now() - started };
  }
}
