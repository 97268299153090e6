import * as jobsQ from "../../src/db/queries/jobs.js";
import { type LatencySummary, summarise } from "./latency.js";
import type { BenchDatabase } from "./queue-databases.js";

export type QueueLatency = { enqueue: LatencySummary; claim: LatencySummary };

type Samples = { enqueue: number[]; claim: number[] };

/**
 * One job's life on the hot path: enqueued (as the webhook does, one row), claimed by a worker's
 * batch claim (up to 32 at once) and completed. The enqueue and the claim are timed.
 */
async function cycle(database: BenchDatabase, i: number, samples: Samples): Promise<void> {
  const { db } = database;
  const now = new Date();
  const t0 = performance.now();
  await jobsQ.insertJobs(
    db,
    [{ queue: "inbound", botId: "bench-bot", orderingKey: `bench-bot:live-${String(i)}`, payload: { eventId: i }, maxAttempts: 8, runAt: now }],
    now,
  );
  const t1 = performance.now();
  const claimed = await jobsQ.claimJobs(db, { queues: ["inbound"], workerId: "bench", now, leaseUntil: new Date(now.getTime() + 60_000), limit: 32 });
  const t2 = performance.now();
  if (claimed.length !== 1) throw new Error(`${database.label}: claimed ${String(claimed.length)} jobs, expected the one just enqueued`);
  for (const job of claimed) await jobsQ.completeJob(db, job, new Date());
  samples.enqueue.push(t1 - t0);
  samples.claim.push(t2 - t1);
}

/**
 * Enqueue and claim latency on two databases, measured in turns (a, b, b, a, a, b, …) so the
 * machine's other load falls on both alike; the first `warmup` cycles are not counted.
 */
export async function compareQueues(
  a: BenchDatabase,
  b: BenchDatabase,
  options: { cycles: number; warmup: number; firstId: number },
): Promise<[QueueLatency, QueueLatency]> {
  const samples: [Samples, Samples] = [
    { enqueue: [], claim: [] },
    { enqueue: [], claim: [] },
  ];
  for (let i = 0; i < options.warmup + options.cycles; i++) {
    const order = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const side of order) {
      const target = side === 0 ? a : b;
      const scratch: Samples = { enqueue: [], claim: [] };
      await cycle(target, options.firstId + i, scratch);
      if (i < options.warmup) continue;
      samples[side].enqueue.push(...scratch.enqueue);
      samples[side].claim.push(...scratch.claim);
    }
  }
  const summary = (s: Samples): QueueLatency => ({ enqueue: summarise(s.enqueue), claim: summarise(s.claim) });
  return [summary(samples[0]), summary(samples[1])];
}
