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

const clock = fixedClock("2026-01-15T02:30:00.000Z");

/** Runs six due jobs of six conversations with room for all at once; returns when each started (ms). */
async function startTimes(queue: string, busy: boolean): Promise<number[]> {
  const now = clock.now().toJSDate();
  const rows = Array.from({ length: 6 }, (_, i) => ({ queue, botId: "b", orderingKey: `${queue}:${String(i)}`, payload: {}, maxAttempts: 3, runAt: now }));
  await jobsQ.insertJobs(database.db, rows, now);
  const started: number[] = [];
  const t0 = performance.now();
  const worker = createQueueWorker({
    db: database.db,
    clock,
    logger: pino({ level: "silent" }),
    handlers: {
      [queue]: () => {
        started.push(performance.now() - t0);
        return new Promise((resolve) =>
          setTimeout(() => {
            resolve({ type: "done" });
          }, 400),
        );
      },
    },
    concurrency: { [queue]: 10 },
    admission: { busy: () => busy, trickleMs: 60 },
  });
  worker.start();
  while (started.length < rows.length) await new Promise((resolve) => setTimeout(resolve, 10));
  await worker.stop();
  return started;
}

describe("admission control", () => {
  it("takes new jobs one at a time while the process is crowded, so running work is not joined by more at once", async () => {
    const started = await startTimes("crowded", true);
    const gaps = started.slice(1).map((at, i) => at - (started[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
  });

  it("takes every due job in one claim when it is not", async () => {
    const started = await startTimes("calm", false);
    expect((started.at(-1) ?? 0) - (started[0] ?? 0)).toBeLessThan(50);
  });
});
