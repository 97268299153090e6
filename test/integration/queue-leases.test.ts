import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { createQueueWorker } from "../../src/services/queue/queue-worker.js";
import { fixedClock } from "../../src/time/clock.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

describe("job leases", () => {
  it("a job whose worker died is run by another once its lease has run out, once", async () => {
    const clock = fixedClock("2026-01-15T02:30:00.000Z");
    const now = () => clock.now().toJSDate();
    await jobsQ.insertJobs(database.db, [{ queue: "q", botId: "b", orderingKey: "b:1", payload: { n: 1 }, maxAttempts: 3, runAt: now() }], now());
    // A worker claims it and dies: no renewal, no completion.
    const [claimed] = await jobsQ.claimJobs(database.db, {
      queues: ["q"],
      workerId: "dead",
      now: now(),
      leaseUntil: new Date(now().getTime() + 60_000),
      limit: 10,
    });
    expect(claimed).toBeDefined();

    const ran: number[] = [];
    const worker = createQueueWorker({
      db: database.db,
      clock,
      logger: pino({ level: "silent" }),
      handlers: {
        q: (job) => {
          ran.push(job.id);
          return Promise.resolve({ type: "done" });
        },
      },
      leaseMs: 60_000,
    });
    expect(await worker.runUntilIdle()).toBe(0);
    clock.advance(61_000);
    expect(await worker.runUntilIdle()).toBe(1);
    expect(ran).toEqual([claimed?.id]);
    expect(await worker.runUntilIdle()).toBe(0);
  });
});
