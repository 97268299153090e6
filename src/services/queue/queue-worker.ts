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
  /** The shortest gap between two claims of one queue, so deliveries arriving together are claimed together. */
  claimGapMs?: number;
  /**
   * Admission control: while `busy()` (the event loop is late), each queue claims one job at a
   * time, `trickleMs` apart, so new turns stop crowding out acknowledgements; running turns go on,
   * and the backlog waits durably in the database (ADR 11).
   */
  admission?: { busy(): boolean; trickleMs: number };
  /** Each batch claim, with how many jobs it took (an operator sees claims that found nothing). */
  onClaim?: (queue: string, claimed: number) => void;
};

export type QueueWorker = {
  start(): void;
  stop(): Promise<void>;
  /**
   * Wakes the claimer of `queue` (every queue when absent) after an enqueue in this process. With
   * the job's `orderingKey`, a conversation this process is running is left to its worker, which
   * takes its next job when the current one ends: no claim, which could not take it anyway.
   */
  wake(queue?: string, orderingKey?: string): void;
  /** Processes runnable jobs one at a time until none is left; for tests and tools. Returns how many ran. */
  runUntilIdle(): Promise<number>;
  /** Jobs running in this process now, per queue. */
  running(): Record<string, number>;
  readonly id: string;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Lane = { queue: string; slots: number; active: number; dirty: boolean; signal: ReturnType<typeof deferred> };

/**
 * Runs jobs of the durable queue (docs/decisions/0005; docs/architecture.md, steps 4 and 9). One claimer per queue fills that
 * queue's free slots with a batch claim, so a process takes many conversations at once; a worker
 * that finishes a job carries on with its conversation's next job, so each conversation's jobs
 * still run one at a time, in order, and finishing a job costs no broad claim. Claimers wake on
 * an enqueue in this process, and poll for the rest (other processes, retries that fall due).
 */
export function createQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { db, clock, logger, handlers } = options;
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 500;
  const claimBatch = options.claimBatch ?? 32;
  const claimGapMs = options.claimGapMs ?? 2;
  const runner: JobRunner = { db, clock, logger, leaseMs: options.leaseMs ?? 60_000, backoff: options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 } };
  const queues = Object.keys(handlers);
  const lanes = new Map<string, Lane>(
    queues.map((queue) => [queue, { queue, slots: options.concurrency?.[queue] ?? 1, active: 0, dirty: true, signal: deferred() }]),
  );
  let running = false;
  const loops: Promise<void>[] = [];
  /** Conversations this process is running, and the queues woken for them meanwhile. */
  const runningKeys = new Map<string, Set<string | undefined>>();
  let sweeper: ReturnType<typeof setInterval> | null = null;

  /** A job whose worker died (its lease ran out) goes back to pending for any claimer. */
  async function sweep(): Promise<void> {
    try {
      const recovered = await jobsQ.recoverExpiredLeases(db, clock.now().toJSDate());
      if (recovered > 0) {
        logger.warn({ recovered }, "jobs whose worker stopped renewing its lease are runnable again");
        wake();
      }
    } catch (error) {
      logger.error({ err: error }, "recovering expired leases failed");
    }
  }

  const lease = () => {
    const now = clock.now().toJSDate();
    return { workerId: id, now, leaseUntil: new Date(now.getTime() + runner.leaseMs) };
  };

  function poke(lane: Lane): void {
    lane.signal.resolve();
    lane.signal = deferred();
  }

  function wake(queue?: string, orderingKey?: string): void {
    const woken = orderingKey === undefined ? undefined : runningKeys.get(orderingKey);
    if (woken) {
      woken.add(queue);
      return;
    }
    for (const lane of lanes.values()) {
      if (queue !== undefined && lane.queue !== queue) continue;
      lane.dirty = true;
      poke(lane);
    }
  }

  /** Runs a job, then its conversation's next ones while they are due; its slot moves with it. */
  async function runChain(first: jobsQ.JobRow): Promise<void> {
    let job: jobsQ.JobRow | undefined = first;
    const woken = new Set<string | undefined>();
    runningKeys.set(first.orderingKey, woken);
    while (job) {
      const lane = lanes.get(job.queue);
      const over = await runJob(runner, handlers[job.queue], job);
      // Every job woken for so far was stored before this claim: it or a later job's end finds it.
      if (over && running) woken.clear();
      const next: jobsQ.JobRow | undefined = over && running ? await claimNext(job.orderingKey) : undefined;
      if (next?.queue !== job.queue && lane) {
        lane.active--;
        // A lane that wanted to claim but had no free slot can now.
        if (lane.dirty) poke(lane);
        const nextLane = next ? lanes.get(next.queue) : undefined;
        if (nextLane) nextLane.active++;
      }
      job = next;
    }
    runningKeys.delete(first.orderingKey);
    // A job enqueued as the last one finished may have missed it: claim as the wakes asked.
    for (const queue of woken) wake(queue);
  }

  async function claimNext(orderingKey: string): Promise<jobsQ.JobRow | undefined> {
    try {
      return await jobsQ.claimNextOfKey(db, { orderingKey, queues, ...lease() });
    } catch (error) {
      logger.error({ err: error, orderingKey }, "claiming the conversation's next job failed; the claimers will find it");
      return undefined;
    }
  }

  async function laneLoop(lane: Lane): Promise<void> {
    while (running) {
      const free = lane.slots - lane.active;
      if (free <= 0 || !lane.dirty) {
        await Promise.race([lane.signal.promise, sleep(pollMs).then(() => (lane.dirty = true))]);
        continue;
      }
      lane.dirty = false;
      const crowded = options.admission?.busy() ?? false;
      const limit = crowded ? 1 : Math.min(free, claimBatch);
      let jobs: jobsQ.JobRow[];
      try {
        jobs = await jobsQ.claimJobs(db, { queues: [lane.queue], limit, ...lease() });
        options.onClaim?.(lane.queue, jobs.length);
      } catch (error) {
        logger.error({ err: error, queue: lane.queue }, "claiming jobs failed");
        lane.dirty = true;
        await sleep(pollMs);
        continue;
      }
      for (const job of jobs.sort((a, b) => a.id - b.id)) {
        lane.active++;
        void runChain(job);
      }
      // A full batch means more may be waiting.
      if (jobs.length === limit) lane.dirty = true;
      // Deliveries arriving together are claimed together; a crowded process takes new work slowly.
      await sleep(crowded && options.admission ? options.admission.trickleMs : claimGapMs);
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      for (const lane of lanes.values()) loops.push(laneLoop(lane));
      sweeper = setInterval(() => void sweep(), Math.max(1000, runner.leaseMs / 2));
    },
    async stop() {
      running = false;
      if (sweeper) clearInterval(sweeper);
      wake();
      await Promise.all(loops.splice(0));
      while ([...lanes.values()].some((lane) => lane.active > 0)) await sleep(20);
    },
    wake,
    async runUntilIdle() {
      let count = 0;
      await sweep();
      for (;;) {
        const [job] = await jobsQ.claimJobs(db, { queues, limit: 1, ...lease() });
        if (!job) return count;
        await runJob(runner, handlers[job.queue], job);
        count++;
      }
    },
    running: () => Object.fromEntries([...lanes.values()].map((lane) => [lane.queue, lane.active])),
  };
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
