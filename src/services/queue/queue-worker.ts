import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { Clock } from "../../time/clock.js";
import { type Backoff, type JobHandler, type JobRunner, runJob } from "./run-job.js";

export { backoffDelayMs, type JobHandler, type JobOutcome, type JobRow, PermanentJobError } from "./run-job.js";

export type QueueWorkerOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /**
   * Jobs of a queue that may run at once in this process (1 for a queue not named). Each queue has
   * its own slots, so replies never wait behind turns that wait for the LLM.
   */
  concurrency?: Record<string, number>;
  pollMs?: number;
  leaseMs?: number;
  backoff?: Backoff;
  /** Jobs claimed per statement, at most. */
  claimBatch?: number;
  /**
   * The shortest gap between two claims of one queue: finishing jobs wake the claimers, and a busy
   * process would otherwise claim after every job; a batch a few ms later takes them all at once.
   */
  claimGapMs?: number;
};

export type QueueWorker = {
  start(): void;
  stop(): Promise<void>;
  /** Wakes idle claimers now (after an enqueue in this process). */
  wake(): void;
  /** Processes runnable jobs one at a time until none is left; for tests and tools. Returns how many ran. */
  runUntilIdle(): Promise<number>;
  /** Jobs running in this process now, per queue. */
  running(): Record<string, number>;
  readonly id: string;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs jobs of the durable queue (docs/decisions/0005, 0011). One claimer per queue fills that
 * queue's free slots with a batch claim, so a process takes many conversations at once while each
 * conversation's jobs still run one at a time, in order.
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { db, clock, logger, handlers } = options;
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 250;
  const claimBatch = options.claimBatch ?? 32;
  const claimGapMs = options.claimGapMs ?? 5;
  const runner: JobRunner = { db, clock, logger, leaseMs: options.leaseMs ?? 60_000, backoff: options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 } };
  const queues = Object.keys(handlers);
  const lanes = queues.map((queue) => ({ queue, slots: options.concurrency?.[queue] ?? 1, active: 0, dirty: true }));
  let running = false;
  const loops: Promise<void>[] = [];
  let signal = deferred();

  const claim = (queue: string[], limit: number) => {
    const now = clock.now().toJSDate();
    return jobsQ.claimJobs(db, { queues: queue, workerId: id, now, leaseUntil: new Date(now.getTime() + runner.leaseMs), limit });
  };

  function wake(): void {
    for (const lane of lanes) lane.dirty = true;
    signal.resolve();
    signal = deferred();
  }

  async function laneLoop(lane: (typeof lanes)[number]): Promise<void> {
    while (running) {
      const free = lane.slots - lane.active;
      if (free > 0 && lane.dirty) {
        lane.dirty = false;
        let jobs: jobsQ.JobRow[];
        try {
          jobs = await claim([lane.queue], Math.min(free, claimBatch));
        } catch (error) {
          logger.error({ err: error, queue: lane.queue }, "claiming jobs failed");
          await sleep(pollMs);
          lane.dirty = true;
          continue;
        }
        for (const job of jobs.sort((a, b) => a.id - b.id)) {
          lane.active++;
          void runJob(runner, handlers[job.queue], job).finally(() => {
            lane.active--;
            // A finished job may unblock the next job of its conversation, in any queue.
            wake();
          });
        }
        // A full batch means more may be waiting; otherwise wait for a nudge or the next poll.
        if (jobs.length === Math.min(free, claimBatch)) lane.dirty = true;
        await sleep(claimGapMs);
        continue;
      }
      const woken = signal.promise;
      await Promise.race([woken, sleep(pollMs).then(() => (lane.dirty = true))]);
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      for (const lane of lanes) loops.push(laneLoop(lane));
    },
    async stop() {
      running = false;
      wake();
      await Promise.all(loops.splice(0));
      while (lanes.some((lane) => lane.active > 0)) await sleep(20);
    },
    wake,
    async runUntilIdle() {
      let count = 0;
      for (;;) {
        const [job] = await claim(queues, 1);
        if (!job) return count;
        await runJob(runner, handlers[job.queue], job);
        count++;
      }
    },
    running: () => Object.fromEntries(lanes.map((lane) => [lane.queue, lane.active])),
  };
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
