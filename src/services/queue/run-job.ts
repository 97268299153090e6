import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Write } from "../../db/guarded-writes.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { Clock } from "../../time/clock.js";

export type JobRow = jobsQ.JobRow;

export type JobOutcome =
  /**
   * Finished. Its effects are written in the same transaction that marks the job done
   * (exactly-once effects): `writes`, statements built but not run, when they need nothing read
   * back (one call to the database, ADR 20); `commit`, a function of the transaction, when they do.
   */
  | {
      type: "done";
      writes?: (db: Db) => Write[];
      commit?: (tx: Db) => Promise<void>;
      result?: Record<string, unknown>;
      /**
       * The writes store this conversation's next job (a turn's outbox job). The "done" that
       * guards them runs first and cannot see it, so this says the worker should carry on.
       */
      enqueuesNext?: boolean;
    }
  /** Not failed, just not yet: run again at `runAt` without using up an attempt. */
  | { type: "later"; runAt: Date; reason: string };

export type JobHandler = (job: JobRow) => Promise<JobOutcome>;

/** A failure that retrying cannot fix: the job is dead-lettered at once with this reason. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`lease lost on job ${String(jobId)}`);
  }
}

export type Backoff = { baseMs: number; maxMs: number };

/** Backoff before attempt n+1: base · 2^(n-1), capped, with full jitter. */
export function backoffDelayMs(attempt: number, backoff: Backoff, random = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(backoff.baseMs / 2 + random() * (ceiling - backoff.baseMs / 2));
}

export type JobRunner = { db: Db; clock: Clock; logger: Logger; leaseMs: number; backoff: Backoff };

/**
 * Runs one claimed job to its end: the handler, then its effects and "done" in one transaction,
 * only while this worker still holds the lease; a failure retries with backoff or dead-letters.
 * Returns whether the conversation may have a next job that is runnable now (this one is over).
 */
export async function runJob(runner: JobRunner, handler: JobHandler | undefined, job: JobRow): Promise<boolean> {
  const { db, logger, leaseMs } = runner;
  const now = () => runner.clock.now().toJSDate();
  const renew = setInterval(
    () => {
      jobsQ.extendLease(db, job, new Date(now().getTime() + leaseMs)).catch((error: unknown) => {
        logger.warn({ err: error, jobId: job.id }, "lease renewal failed");
      });
    },
    Math.max(1000, leaseMs / 3),
  );
  try {
    if (!handler) throw new PermanentJobError(`no handler for queue ${job.queue}`);
    const outcome = await handler(job);
    if (outcome.type === "later") {
      await jobsQ.retryJob(db, job, { runAt: outcome.runAt, error: outcome.reason, countAttempt: false });
      return false;
    }
    const { commit, writes } = outcome;
    const result = outcome.result ?? null;
    const done = commit
      ? await db.transaction(async (tx) => {
          await commit(tx);
          const marked = await jobsQ.completeJob(tx, job, now(), result);
          // Lost the lease to another worker: roll the effects back so they happen once.
          if (!marked.completed) throw new LeaseLostError(job.id);
          return marked;
        })
      : writes
        ? await jobsQ.completeJobWithWrites(db, job, { now: now(), result, writes })
        : // Without effects, marking the job done is one statement: no transaction to hold the database.
          await jobsQ.completeJob(db, job, now(), result);
    if (!done.completed) throw new LeaseLostError(job.id);
    return done.next || outcome.enqueuesNext === true;
  } catch (error) {
    return await fail(runner, job, error);
  } finally {
    clearInterval(renew);
  }
}

/** Records a failure; true when the job is over (dead-lettered). */
async function fail(runner: JobRunner, job: JobRow, error: unknown): Promise<boolean> {
  const { db, logger } = runner;
  if (error instanceof LeaseLostError) {
    logger.warn({ jobId: job.id }, "job lease lost; another worker owns it now");
    return false;
  }
  const now = runner.clock.now().toJSDate();
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
  if (permanent) {
    await jobsQ.deadLetterJob(db, job, now, reason);
    logger.error({ jobId: job.id, queue: job.queue, attempts: job.attempts, reason }, "job dead-lettered");
    return true;
  }
  const delay = backoffDelayMs(job.attempts, runner.backoff);
  await jobsQ.retryJob(db, job, { runAt: new Date(now.getTime() + delay), error: reason, countAttempt: true });
  logger.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, retryInMs: delay, reason }, "job failed; will retry");
  return false;
}
