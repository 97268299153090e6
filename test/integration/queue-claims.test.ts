import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { rowsOf } from "../../src/db/rows.js";
import { jobs } from "../../src/db/schema/jobs.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});
beforeEach(async () => {
  await database.db.execute(sql`delete from jobs`);
});

const now = new Date("2026-03-02T09:00:00.000Z");
const lease = { workerId: "w1", now, leaseUntil: new Date(now.getTime() + 60_000) };

async function addJobs(rows: { queue: string; key: string; runAt?: Date; status?: "done" }[]): Promise<number[]> {
  const ids = await jobsQ.insertJobs(
    database.db,
    rows.map((r) => ({ queue: r.queue, botId: "b", orderingKey: r.key, payload: {}, maxAttempts: 3, runAt: r.runAt ?? now })),
    now,
  );
  const finished = ids.filter((_, i) => rows[i]?.status === "done");
  if (finished.length > 0) await database.db.update(jobs).set({ status: "done", finishedAt: now }).where(inArray(jobs.id, finished));
  return ids;
}

type PlanNode = { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Rows": number; "Actual Loops": number; Plans?: PlanNode[] };

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** Rows the claim read from `jobs` through each access path, from its EXPLAIN ANALYZE. */
async function claimReads(limit: number, queues: string[], plan: "custom" | "generic" = "custom"): Promise<{ pendingIndexRows: number; seqScans: number }> {
  const raw = await jobsQ.explainClaimJobs(database.db, { ...lease, queues, limit }, plan);
  const [top] = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  if (!top) throw new Error("no plan");
  const nodes = planNodes(top.Plan);
  return {
    pendingIndexRows: nodes.filter((n) => n["Index Name"] === "jobs_pending_idx").reduce((sum, n) => sum + n["Actual Rows"] * n["Actual Loops"], 0),
    seqScans: nodes.filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "jobs").length,
  };
}

describe("claiming jobs", () => {
  it("takes the oldest due job of each conversation across the queues, one per conversation, up to the limit", async () => {
    const [first, secondOfK1, otherKey, otherQueue, k1InOtherQueue, notDue] = await addJobs([
      { queue: "inbound", key: "k1" },
      { queue: "inbound", key: "k1" },
      { queue: "inbound", key: "k2" },
      { queue: "outbound", key: "k3" },
      { queue: "outbound", key: "k1" },
      { queue: "inbound", key: "k4", runAt: new Date(now.getTime() + 1000) },
    ]);
    const two = await jobsQ.claimJobs(database.db, { ...lease, queues: ["inbound", "outbound"], limit: 2 });
    expect(two.map((j) => j.id)).toEqual([first, otherKey]);
    const rest = await jobsQ.claimJobs(database.db, { ...lease, queues: ["inbound", "outbound"], limit: 10 });
    // k1's later jobs wait for the first to finish, whichever queue they are in; k4 is not due.
    expect(rest.map((j) => j.id)).toEqual([otherQueue]);
    expect([secondOfK1, k1InOtherQueue, notDue].every((id) => id !== undefined)).toBe(true);
    expect(rest.concat(two).every((j) => j.status === "running" && j.lockedBy === "w1" && j.attempts === 1)).toBe(true);
  });

  it("reads the batch it claims, not the backlog behind it", async () => {
    // A burst's backlog: 3,000 pending conversations in two queues behind 1,000 finished jobs.
    const finished = Array.from({ length: 1000 }, (_, i) => ({ queue: "inbound", key: `done-${String(i)}`, status: "done" as const }));
    const backlog = Array.from({ length: 3000 }, (_, i) => ({ queue: i % 2 === 0 ? "inbound" : "outbound", key: `c-${String(i)}` }));
    await addJobs(finished);
    await addJobs(backlog);

    const reads = await claimReads(4, ["inbound", "outbound"]);
    // At most the limit from each queue's ordered scan; the old single scan read all 3,000.
    expect(reads.pendingIndexRows).toBeLessThanOrEqual(8);
    expect(reads.seqScans).toBe(0);
    // The plan the embedded database runs: the prepared statement's generic plan, for any values.
    const generic = await claimReads(4, ["inbound", "outbound"], "generic");
    expect(generic.pendingIndexRows).toBeLessThanOrEqual(8);
    expect(generic.seqScans).toBe(0);
    const [running] = rowsOf<{ n: number | string }>(await database.db.execute(sql`select count(*) as n from jobs where status = 'running'`));
    expect(Number(running?.n)).toBe(8);
  });
});
