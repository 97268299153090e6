import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { Clock } from "../../time/clock.js";

export type JobRow = jobsQ.JobRow;

export type JobOutcome =
  /** Finished: `commit` runs in the same transaction that marks the job done (exactly-once effects). */
  | { type: "done"; commit?: (tx: Db) => Promise<void>; result?: Record<string, unknown> }
  /** Not failed, just not yet: run again at `runAt` without using up an attempt. */
  | { type: "later"; runAt: Date; reason: string };

export type JobHandler = (job: JobRow) => Promise<JobOutcome>;

/** A failure that retrying cannot fix: the job is dead-lettered at once with this reason. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export type QueueWorkerOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** Backoff before attempt n+1: base · 2^(n-1), capped, with full jitter. */
  backoff?: { baseMs: number; maxMs: number };
};

export type QueueWorker = {
  start(): void;
  stop(): Promise<void>;
  /** Wakes idle slots now (after an enqueue in this process). */
  wake(): void;
  /** Processes runnable jobs until none is left; for tests and tools. Returns how many ran. */
  runUntilIdle(): Promise<number>;
  readonly id: string;
};

export function backoffDelayMs(attempt: number, backoff: { baseMs: number; maxMs: number }, random = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(backoff.baseMs / 2 + random() * (ceiling - backoff.baseMs / 2));
}

export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { db, clock, logger, handlers } = options;
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 250;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 };
  const queues = Object.keys(handlers);
  let running = false;
  const loops: Promise<void>[] = [];
  let wakeUp: (() => void) | null = null;
  let wakeSignal = new Promise<void>((resolve) => (wakeUp = resolve));

  const now = () => clock.now().toJSDate();
  const later = (ms: number) => new Date(now().getTime() + ms);

  async function runOne(): Promise<boolean> {
    const job = await jobsQ.claimJob(db, { queues, workerId: id, now: now(), leaseUntil: later(leaseMs) });
    if (!job) return false;
    const handler = handlers[job.queue];
    const renew = setInterval(() => {
      jobsQ.extendLease(db, job, later(leaseMs)).catch((error: unknown) => {
        logger.warn({ err: error, jobId: job.id }, "lease renewal failed");
      });
    }, Math.max(1000, leaseMs / 3));
    try {
      if (!handler) throw new PermanentJobError(`no handler for queue ${job.queue}`);
      const outcome = await handler(job);
      if (outcome.type === "later") {
        await jobsQ.retryJob(db, job, { runAt: outcome.runAt, error: outcome.reason, countAttempt: false });
        return true;
      }
      await db.transaction(async (tx) => {
        if (outcome.commit) await outcome.commit(tx);
        // Lost the lease to another worker: roll the effects back so they happen once.
        if (!(await jobsQ.completeJob(tx, job, now(), outcome.result ?? null))) throw new LeaseLostError(job.id);
      });
    } catch (error) {
      await fail(job, error);
    } finally {
      clearInterval(renew);
    }
    return true;
  }

  async function fail(job: JobRow, error: unknown): Promise<void> {
    if (error instanceof LeaseLostError) {
      logger.warn({ jobId: job.id }, "job lease lost; another worker owns it now");
      return;
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    if (permanent) {
      await jobsQ.deadLetterJob(db, job, now(), reason);
      logger.error({ jobId: job.id, queue: job.queue, attempts: job.attempts, reason }, "job dead-lettered");
      return;
    }
    const delay = backoffDelayMs(job.attempts, backoff);
    await jobsQ.retryJob(db, job, { runAt: later(delay), error: reason, countAttempt: true });
    logger.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, retryInMs: delay, reason }, "job failed; will retry");
  }

  async function loop(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (error) {
        logger.error({ err: error }, "queue loop error");
      }
      // Idle: wait for a nudge (stop() nudges too) or the next poll.
      if (!worked) await Promise.race([wakeSignal, sleep(pollMs)]);
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      for (let i = 0; i < concurrency; i++) loops.push(loop());
    },
    async stop() {
      running = false;
      this.wake();
      await Promise.all(loops.splice(0));
    },
    wake() {
      wakeUp?.();
      wakeSignal = new Promise<void>((resolve) => (wakeUp = resolve));
    },
    async runUntilIdle() {
      let count = 0;
      while (await runOne()) count++;
      return count;
    },
  };
}

class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`lease lost on job ${String(jobId)}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
