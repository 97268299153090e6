import * as retentionQ from "../../db/queries/retention.js";
import { type PassResult, type RetentionDeps, type RetentionOptions, runRetentionPass } from "./retention-pass.js";

export type RetentionSchedule = {
  /** Time between two passes (the first runs one `firstPassMs` after start). */
  intervalMs: number;
  firstPassMs?: number;
  /**
   * Embedded database only: how often to check whether the queue needs a vacuum, and after how
   * many new jobs it does. Each finished job leaves a dead entry in the claim index that claims
   * read until a vacuum removes it (`npm run bench -- claim-history`: +11 ms a claim at a million).
   */
  queueVacuum?: { checkMs: number; everyJobs: number } | null;
};

export type RetentionScheduler = { start(): void; stop(): Promise<void>; runPass(): Promise<PassResult> };

/**
 * Runs retention passes on a timer in this process (docs/decisions/0016). The clock decides what
 * is old; the timer only decides when to look, so a timer that fires late prunes late, never
 * wrong. Every process may run it: the statements skip rows another process holds. On the
 * embedded database it also stands in for autovacuum on the queue.
 */
export function createRetentionScheduler(deps: RetentionDeps, options: RetentionOptions & RetentionSchedule): RetentionScheduler {
  let running = false;
  let stopRequested = false;
  let busy: Promise<unknown> = Promise.resolve();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let vacuumedAtJob = 0;

  /** One piece of work at a time: a pass and a queue vacuum never run together. */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = busy.then(work);
    busy = next.catch(() => undefined);
    return next;
  }

  function later(ms: number, work: () => Promise<void>): void {
    if (!running) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void work();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  const stopping = () => stopRequested;

  async function pass(): Promise<PassResult> {
    const result = await exclusive(() => runRetentionPass(deps, { ...options, stopping }));
    const changed = result.steps
      .filter((s) => s.rows > 0)
      .map((s) => ({ step: s.step, action: s.action, rows: s.rows, batches: s.batches, ms: Math.round(s.ms) }));
    deps.logger.info({ changed, ms: Math.round(result.ms), vacuumMs: Math.round(result.vacuumMs), stopped: result.stopped }, "retention pass");
    return result;
  }

  async function scheduledPass(): Promise<void> {
    try {
      await pass();
    } catch (error) {
      deps.logger.error({ err: error }, "retention pass failed; the next one retries");
    }
    later(options.intervalMs, scheduledPass);
  }

  async function checkQueue(): Promise<void> {
    const every = options.queueVacuum;
    if (!every) return;
    try {
      await exclusive(async () => {
        const newest = await retentionQ.newestJobId(deps.db);
        if (newest - vacuumedAtJob < every.everyJobs) return;
        const started = performance.now();
        await retentionQ.vacuumTable(deps.db, "jobs");
        deps.logger.debug({ jobsSinceLastVacuum: newest - vacuumedAtJob, ms: Math.round(performance.now() - started) }, "queue vacuumed");
        vacuumedAtJob = newest;
      });
    } catch (error) {
      deps.logger.error({ err: error }, "vacuuming the queue failed");
    }
    later(every.checkMs, checkQueue);
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopRequested = false;
      deps.logger.info({ periodsInDays: options.periods, everyMinutes: options.intervalMs / 60_000, batchRows: options.batchRows }, "retention scheduled");
      later(options.firstPassMs ?? Math.min(options.intervalMs, 60_000), scheduledPass);
      if (options.queueVacuum) later(options.queueVacuum.checkMs, checkQueue);
    },
    async stop() {
      running = false;
      stopRequested = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await busy;
    },
    runPass: pass,
  };
}
