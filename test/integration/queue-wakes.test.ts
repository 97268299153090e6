import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { createQueueWorker, type JobOutcome } from "../../src/services/queue/queue-worker.js";
import { fixedClock } from "../../src/time/clock.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

const clock = fixedClock("2026-01-15T02:30:00.000Z");
const until = async (ok: () => boolean) => {
  const deadline = performance.now() + 10_000;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A worker whose first job of `key` waits for `release`; counts its batch claims. */
async function conversationInFlight(queue: string, key: string) {
  const now = clock.now().toJSDate();
  const add = async () => {
    const [id] = await jobsQ.insertJobs(database.db, [{ queue, botId: "b", orderingKey: key, payload: {}, maxAttempts: 3, runAt: now }], now);
    return id;
  };
  let release = () => {};
  const held = new Promise<JobOutcome>((resolve) => {
    release = () => {
      resolve({ type: "done" });
    };
  });
  const ran: number[] = [];
  let claims = 0;
  const worker = createQueueWorker({
    db: database.db,
    clock,
    logger: pino({ level: "silent" }),
    handlers: {
      [queue]: (job) => {
        ran.push(job.id);
        return ran.length === 1 ? held : Promise.resolve({ type: "done" });
      },
    },
    concurrency: { [queue]: 4 },
    // No polling during the test: every claim is one a wake asked for.
    pollMs: 60_000,
    onClaim: () => {
      claims++;
    },
  });
  const first = await add();
  worker.start();
  await until(() => ran.length === 1);
  return { worker, add, release, ran, first, claims: () => claims };
}

describe("waking the queue for a conversation", () => {
  it("leaves a job of a conversation this process is running to its worker: no claim, and it runs next", async () => {
    const c = await conversationInFlight("wake-running", "k1");
    const claimsBefore = c.claims();
    const second = await c.add();
    c.worker.wake("wake-running", "k1");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.claims()).toBe(claimsBefore);
    c.release();
    await until(() => c.ran.length === 2);
    await c.worker.stop();
    expect(c.ran).toEqual([c.first, second]);
    expect(c.claims()).toBe(claimsBefore);
  });

  it("still claims once the conversation's worker is done, for a job it did not find", async () => {
    const c = await conversationInFlight("wake-late", "k2");
    const claimsBefore = c.claims();
    // The wake comes while the first job runs, its job only after the worker looked for a next one.
    c.worker.wake("wake-late", "k2");
    c.release();
    await until(() => c.claims() > claimsBefore);
    const late = await c.add();
    c.worker.wake("wake-late", "k2");
    await until(() => c.ran.length === 2);
    await c.worker.stop();
    expect(c.ran).toEqual([c.first, late]);
  });

  it("claims at once for a conversation this process is not running", async () => {
    const c = await conversationInFlight("wake-other", "k3");
    const claimsBefore = c.claims();
    const other = await jobsQ.insertJobs(
      database.db,
      [{ queue: "wake-other", botId: "b", orderingKey: "k4", payload: {}, maxAttempts: 3, runAt: clock.now().toJSDate() }],
      clock.now().toJSDate(),
    );
    c.worker.wake("wake-other", "k4");
    await until(() => c.ran.length === 2);
    expect(c.claims()).toBeGreaterThan(claimsBefore);
    expect(c.ran[1]).toBe(other[0]);
    c.release();
    await c.worker.stop();
  });

  it("carries on at once with the job a finished job's writes stored for its conversation (a turn's outbox job)", async () => {
    const now = clock.now().toJSDate();
    const ran: string[] = [];
    const claimed: string[] = [];
    const worker = createQueueWorker({
      db: database.db,
      clock,
      logger: pino({ level: "silent" }),
      handlers: {
        "turn-q": (job) => {
          ran.push(`turn ${String(job.id)}`);
          return Promise.resolve({
            type: "done",
            // Stored in the same batch as the turn's "done", which runs first and cannot see it.
            writes: (db) => [jobsQ.insertJob(db, { queue: "send-q", botId: "b", orderingKey: job.orderingKey, payload: {}, maxAttempts: 3, runAt: now }, now)],
            enqueuesNext: true,
          });
        },
        "send-q": (job) => {
          ran.push(`send for ${job.orderingKey}`);
          return Promise.resolve({ type: "done" });
        },
      },
      concurrency: { "turn-q": 2, "send-q": 2 },
      // No polling during the test: the send job can only be reached by carrying on.
      pollMs: 60_000,
      onClaim: (queue, jobs) => {
        if (jobs > 0) claimed.push(queue);
      },
    });
    const [turn] = await jobsQ.insertJobs(database.db, [{ queue: "turn-q", botId: "b", orderingKey: "k5", payload: {}, maxAttempts: 3, runAt: now }], now);
    worker.start();
    await until(() => ran.length === 2);
    await worker.stop();
    expect(ran).toEqual([`turn ${String(turn)}`, "send for k5"]);
    // One batch claim took the turn; its worker took the send job.
    expect(claimed).toEqual(["turn-q"]);
  });
});
