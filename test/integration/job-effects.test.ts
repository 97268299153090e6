import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { sqlState } from "../../src/db/errors.js";
import * as decisionsQ from "../../src/db/queries/decisions.js";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { jobs } from "../../src/db/schema/jobs.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

// A job's effects are written with its "done" in one transaction, and only while the worker still
// holds the job (src/db/guarded-writes.ts; on the embedded database one call to its thread).

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

const now = new Date("2026-01-15T02:30:00.000Z");
const lease = (workerId: string, at = now) => ({ workerId, now: at, leaseUntil: new Date(at.getTime() + 60_000) });
const newJob = (orderingKey: string, queue = "work") => ({ queue, botId: "b", orderingKey, payload: {}, maxAttempts: 3, runAt: now });
/** An effect the tests can see: a job of its own queue. */
const effect = (db: Db, key: string) => jobsQ.insertJob(db, newJob(key, "effects"), now);
const effectKeys = async () => (await database.db.select({ key: jobs.orderingKey }).from(jobs).where(eq(jobs.queue, "effects"))).map((r) => r.key).sort();
const statusOf = async (id: number) => (await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id)))[0]?.status;

async function claimOne(orderingKey: string, workerId: string, at = now) {
  const [job] = await jobsQ.claimJobs(database.db, { queues: ["work"], limit: 1, ...lease(workerId, at) });
  if (job?.orderingKey !== orderingKey) throw new Error(`expected to claim a job of ${orderingKey}`);
  return job;
}

describe("a job's effects", () => {
  it("are written with the job's done, which says whether its conversation has a next job", async () => {
    await jobsQ.insertJobs(database.db, [newJob("c1"), newJob("c1"), newJob("c1")], now);
    const job = await claimOne("c1", "w1");
    const done = await jobsQ.completeJobWithWrites(database.db, job, { now, result: { ok: true }, writes: (db) => [effect(db, "c1 a"), effect(db, "c1 b")] });
    expect(done).toEqual({ completed: true, next: true });
    expect(await statusOf(job.id)).toBe("done");
    expect(await effectKeys()).toEqual(["c1 a", "c1 b"]);
    // Without effects, "done" alone says the same.
    const second = await jobsQ.claimNextOfKey(database.db, { queues: ["work"], orderingKey: "c1", ...lease("w1") });
    if (!second) throw new Error("the conversation's next job was not claimed");
    expect(await jobsQ.completeJob(database.db, second, now)).toEqual({ completed: true, next: true });
    const last = await jobsQ.claimNextOfKey(database.db, { queues: ["work"], orderingKey: "c1", ...lease("w1") });
    if (!last) throw new Error("the conversation's last job was not claimed");
    expect(await jobsQ.completeJobWithWrites(database.db, last, { now, result: null, writes: (db) => [effect(db, "c1 c")] })).toEqual({
      completed: true,
      next: false,
    });
  });

  it("are not written when the worker no longer holds the job", async () => {
    await jobsQ.insertJobs(database.db, [newJob("c2")], now);
    const stale = await claimOne("c2", "w-dead");
    // Its lease ran out and another worker took the job.
    const later = new Date(now.getTime() + 61_000);
    await jobsQ.recoverExpiredLeases(database.db, later);
    await claimOne("c2", "w2", later);
    const done = await jobsQ.completeJobWithWrites(database.db, stale, { now, result: null, writes: (db) => [effect(db, "c2 stale")] });
    expect(done).toEqual({ completed: false, next: false });
    expect(await effectKeys()).not.toContain("c2 stale");
    expect(await statusOf(stale.id)).toBe("running");
  });

  it("are written whole or not at all: a failing write leaves the job running and nothing stored", async () => {
    await jobsQ.insertJobs(database.db, [newJob("c3")], now);
    const job = await claimOne("c3", "w3");
    const orphan = { id: "dec_orphan", botId: "no-such-bot", conversationId: 1, route: "bot_reply" as const, confidence: 1, reason: "test" };
    const failed = await jobsQ
      .completeJobWithWrites(database.db, job, {
        now,
        result: null,
        writes: (db) => [effect(db, "c3 first"), decisionsQ.insertDecision(db, { ...orphan, source: "flow", createdAt: now })],
      })
      .catch((error: unknown) => error);
    // The decision names a bot that does not exist: a foreign-key violation.
    expect(sqlState(failed)).toBe("23503");
    expect(await effectKeys()).not.toContain("c3 first");
    expect(await statusOf(job.id)).toBe("running");
  });
});
