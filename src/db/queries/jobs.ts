import { and, eq, is, type Param, Placeholder, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { guardedWrites, type Write } from "../guarded-writes.js";
import { preparedFor, preparedWrite } from "../prepared.js";
import { rowsOf } from "../rows.js";
import { jobs } from "../schema/jobs.js";

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = Pick<typeof jobs.$inferInsert, "queue" | "botId" | "orderingKey" | "payload" | "maxAttempts"> & {
  runAt: Date;
};

/** One new job: awaiting the statement runs it, or it goes into a batch. */
export function insertJob(db: Db, row: NewJob, now: Date): Write {
  return db.insert(jobs).values({ ...row, createdAt: now });
}

export async function insertJobs(db: Db, rows: NewJob[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(jobs)
    .values(rows.map((r) => ({ ...r, createdAt: now })))
    .returning({ id: jobs.id });
  return inserted.map((r) => r.id);
}

// The claim's inputs: placeholders in the prepared statement, values in `explainClaimJobs` (the
// queues as one array parameter: drizzle spreads a bare array into a list).
type ClaimValues = {
  queues: Placeholder | Param<string[], string[]>;
  now: Placeholder | string;
  limit: Placeholder | number;
  workerId: Placeholder | string;
  leaseUntil: Placeholder | string;
};

const lease = (v: ClaimValues) =>
  ({
    status: "running",
    attempts: sql`${jobs.attempts} + 1`,
    lockedUntil: sql`${v.leaseUntil}::timestamptz`,
    lockedBy: sql`${v.workerId}`,
  }) as const;

/**
 * The batch claim. One ordered scan of the pending index per queue, stopped at the limit: a single
 * scan over `queue = any(…)` cannot come out in id order, so it read and sorted the whole backlog
 * on every claim, holding the embedded database for as long as the backlog was deep.
 */
function claimBatch(db: Db, v: ClaimValues) {
  return db
    .update(jobs)
    .set(lease(v))
    .where(
      sql`${jobs.id} in (
        select c.id from unnest(${v.queues}::text[]) as q(name)
        cross join lateral (
          select j.id from jobs j
          where j.status = 'pending' and j.queue = q.name
            and j.run_at <= ${v.now}::timestamptz
            and not exists (
              select 1 from jobs e
              where e.ordering_key = j.ordering_key and e.id < j.id and e.status in ('pending', 'running'))
          order by j.id
          limit ${v.limit}
          for update skip locked) c
        order by c.id
        limit ${v.limit})`,
    )
    .returning();
}

const placeholders: ClaimValues = {
  queues: sql.placeholder("queues"),
  now: sql.placeholder("now"),
  limit: sql.placeholder("limit"),
  workerId: sql.placeholder("workerId"),
  leaseUntil: sql.placeholder("leaseUntil"),
};

const claimStatements = preparedFor((db) => ({
  batch: claimBatch(db, placeholders).prepare("claim_jobs"),
  // No SKIP LOCKED here: skipping the first job would hand out the second; the update's own row
  // lock and `status = 'pending'` keep two claimers from taking one job.
  next: db
    .update(jobs)
    .set(lease(placeholders))
    .where(
      sql`${jobs.id} = (
        select j.id from jobs j
        where j.ordering_key = ${sql.placeholder("orderingKey")} and j.status in ('pending', 'running')
        order by j.id
        limit 1)
        and ${jobs.status} = 'pending' and ${jobs.runAt} <= ${placeholders.now}::timestamptz
        and ${jobs.queue} = any(${placeholders.queues}::text[])`,
    )
    .returning()
    .prepare("claim_next_of_key"),
}));

type ClaimArgs = { queues: string[]; workerId: string; now: Date; leaseUntil: Date };
const claimParams = (args: ClaimArgs) => ({
  queues: args.queues,
  workerId: args.workerId,
  now: args.now.toISOString(),
  leaseUntil: args.leaseUntil.toISOString(),
});

/**
 * Claims up to `limit` of the oldest due pending jobs, each the first unfinished job of its
 * conversation (so at most one per ordering key). SKIP LOCKED lets workers of many processes
 * claim at once. Only unfinished jobs are in the indexes the query uses, so its cost does not
 * grow with history (a job whose worker died comes back through `recoverExpiredLeases`).
 */
export function claimJobs(db: Db, args: ClaimArgs & { limit: number }): Promise<JobRow[]> {
  return claimStatements(db).batch.execute({ ...claimParams(args), limit: args.limit });
}

/**
 * Runs the batch claim under `EXPLAIN (ANALYZE, FORMAT JSON)` and returns the plan: what a claim
 * reads, for the tests and benches that hold its cost to the batch rather than the backlog.
 * `custom`: planned for these values. `generic`: the prepared statement's plan for any values,
 * the one the embedded database runs (src/db/client.ts sets `plan_cache_mode` there).
 */
export async function explainClaimJobs(db: Db, args: ClaimArgs & { limit: number }, plan: "custom" | "generic" = "custom"): Promise<unknown> {
  const planOf = (result: unknown) => rowsOf<{ "QUERY PLAN": unknown }>(result)[0]?.["QUERY PLAN"];
  if (plan === "custom") {
    const claim = claimBatch(db, { ...claimParams(args), queues: sql.param(args.queues), limit: args.limit });
    return planOf(await db.execute(sql`explain (analyze, format json) ${claim.getSQL()}`));
  }
  // EXECUTE takes its arguments as SQL text: these are the caller's own values, quoted here.
  const values: Record<string, unknown> = { ...claimParams(args), limit: args.limit };
  const literal = (v: unknown): string =>
    typeof v === "number" ? String(v) : Array.isArray(v) ? `array[${v.map(literal).join(", ")}]` : `'${String(v).replaceAll("'", "''")}'`;
  const { sql: text, params } = claimBatch(db, placeholders).toSQL();
  const argsText = params.map((p) => literal(is(p, Placeholder) ? values[p.name] : p));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('plan_cache_mode', 'force_generic_plan', true)`);
    await tx.execute(sql.raw(`prepare explain_claim as ${text}`));
    const explained = planOf(await tx.execute(sql.raw(`explain (analyze, format json) execute explain_claim(${argsText.join(", ")})`)));
    await tx.execute(sql.raw("deallocate explain_claim"));
    return explained;
  });
}

/**
 * Claims the next job of one conversation once its predecessor has finished, if it is due: the
 * worker that finished a job carries on with the conversation's next one, so finishing a job
 * needs no broad claim.
 */
export async function claimNextOfKey(db: Db, args: ClaimArgs & { orderingKey: string }): Promise<JobRow | undefined> {
  const [job] = await claimStatements(db).next.execute({ ...claimParams(args), orderingKey: args.orderingKey });
  return job;
}

/**
 * Only the worker that holds the lease may finish a job; a job held by no named worker is matched
 * by id and attempts alone. Values, or placeholders in a prepared statement.
 */
function ownedBy(job: { id: number | Placeholder; attempts: number | Placeholder; lockedBy: string | null | Placeholder }) {
  return and(
    eq(jobs.id, job.id),
    eq(jobs.status, "running"),
    eq(jobs.attempts, job.attempts),
    sql`(${job.lockedBy}::text is null or ${jobs.lockedBy} = ${job.lockedBy})`,
  );
}

const completeStatements = preparedFor((db) =>
  db
    .update(jobs)
    .set({ status: "done", finishedAt: sql`${sql.placeholder("now")}::timestamptz`, lockedUntil: null, result: sql`${sql.placeholder("result")}::jsonb` })
    .where(ownedBy({ id: sql.placeholder("id"), attempts: sql.placeholder("attempts"), lockedBy: sql.placeholder("lockedBy") }))
    .returning({
      // Spelled with the table's name: drizzle leaves columns unqualified in RETURNING, where inside
      // this subquery they would name `e`'s own and the answer would always be false.
      next: sql<boolean>`exists (select 1 from jobs e where e.ordering_key = "jobs"."ordering_key" and e.id > "jobs"."id" and e.status = 'pending')`.as("next"),
    })
    .prepare("complete_job"),
);

/** Marks a job done if this worker still holds it; its row says whether the conversation has a pending job after it. */
function completeStatement(db: Db, job: JobRow, now: Date, result: Record<string, unknown> | null): Write<{ next: boolean }[]> {
  return preparedWrite(completeStatements(db), {
    id: job.id,
    attempts: job.attempts,
    lockedBy: job.lockedBy,
    now: now.toISOString(),
    result: result === null ? null : JSON.stringify(result),
  });
}

/**
 * Marks a job done if this worker still holds it; `next` says whether its conversation has a
 * pending job after it (so the worker carries on only when there is one to take).
 */
export async function completeJob(
  db: Db,
  job: JobRow,
  now: Date,
  result: Record<string, unknown> | null = null,
): Promise<{ completed: boolean; next: boolean }> {
  const [row] = await completeStatement(db, job, now, result);
  return { completed: row !== undefined, next: row?.next ?? false };
}

/**
 * Marks a job done together with its effects, in one transaction: the effects are written only
 * while this worker still holds the job, so they happen once (src/db/guarded-writes.ts).
 */
export async function completeJobWithWrites(
  db: Db,
  job: JobRow,
  args: { now: Date; result: Record<string, unknown> | null; writes: (db: Db) => Write[] },
): Promise<{ completed: boolean; next: boolean }> {
  const row = await guardedWrites(db, (d) => completeStatement(d, job, args.now, args.result), args.writes);
  return { completed: row !== null, next: row?.next === true };
}

export async function retryJob(db: Db, job: JobRow, args: { runAt: Date; error: string; countAttempt: boolean }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: "pending",
      runAt: args.runAt,
      lockedUntil: null,
      lastError: args.error,
      ...(!args.countAttempt && { attempts: sql`${jobs.attempts} - 1` }),
    })
    .where(ownedBy(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function deadLetterJob(db: Db, job: JobRow, now: Date, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "dead", finishedAt: now, lockedUntil: null, lastError: error })
    .where(ownedBy(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

const progressStatement = preparedFor((db) =>
  db
    .update(jobs)
    .set({ progress: sql`${sql.placeholder("progress")}::jsonb` })
    .where(
      sql`${jobs.id} = ${sql.placeholder("id")} and ${jobs.status} = 'running' and ${jobs.attempts} = ${sql.placeholder("attempts")}
        and ${jobs.lockedBy} is not distinct from ${sql.placeholder("lockedBy")}`,
    )
    .returning({ id: jobs.id })
    .prepare("save_job_progress"),
);

/** Records what a running job got through; false when this worker no longer holds it. */
export async function saveJobProgress(db: Db, job: JobRow, progress: Record<string, unknown> | null): Promise<boolean> {
  const rows = await progressStatement(db).execute({ id: job.id, attempts: job.attempts, lockedBy: job.lockedBy, progress: JSON.stringify(progress) });
  return rows.length > 0;
}

export async function extendLease(db: Db, job: JobRow, leaseUntil: Date): Promise<boolean> {
  const rows = await db.update(jobs).set({ lockedUntil: leaseUntil }).where(ownedBy(job)).returning({ id: jobs.id });
  return rows.length > 0;
}

/** Jobs whose worker stopped renewing the lease (it died) go back to pending, for anyone to claim. */
export async function recoverExpiredLeases(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: "pending", lockedUntil: null, lockedBy: null })
    .where(and(eq(jobs.status, "running"), sql`${jobs.lockedUntil} < ${now.toISOString()}`))
    .returning({ id: jobs.id });
  return rows.length;
}

/** On an embedded database only one process can exist, so every running job belongs to a dead one. */
export async function releaseAllRunning(db: Db): Promise<number> {
  const rows = await db.update(jobs).set({ status: "pending", lockedUntil: null, lockedBy: null }).where(eq(jobs.status, "running")).returning({ id: jobs.id });
  return rows.length;
}

export async function countJobsByStatus(db: Db, botId?: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: jobs.status, n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(botId ? eq(jobs.botId, botId) : undefined)
    .groupBy(jobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Unfinished jobs per queue, and how long the oldest due one has waited to be claimed. */
export async function queueStats(db: Db, now: Date): Promise<{ queue: string; pending: number; running: number; oldestDueSeconds: number | null }[]> {
  const nowIso = now.toISOString();
  const rows = await db
    .select({
      queue: jobs.queue,
      pending: sql<number>`count(*) filter (where ${jobs.status} = 'pending')::int`,
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')::int`,
      oldestDue: sql<string | null>`min(${jobs.runAt}) filter (where ${jobs.status} = 'pending' and ${jobs.runAt} <= ${nowIso}::timestamptz)`,
    })
    .from(jobs)
    .where(sql`${jobs.status} in ('pending', 'running')`)
    .groupBy(jobs.queue);
  return rows.map((r) => ({
    queue: r.queue,
    pending: r.pending,
    running: r.running,
    oldestDueSeconds: r.oldestDue === null ? null : Math.max(0, (now.getTime() - new Date(r.oldestDue).getTime()) / 1000),
  }));
}
