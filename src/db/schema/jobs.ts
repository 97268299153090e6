import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type JobStatus = "pending" | "running" | "done" | "dead";

/**
 * The durable queue. Jobs of one conversation (`orderingKey`) run strictly in id order, one at a
 * time, across any number of processes; different conversations run in parallel.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text().notNull(),
    botId: text().notNull(),
    orderingKey: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<JobStatus>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    runAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    lockedUntil: timestamp({ withTimezone: true, mode: "date" }),
    lockedBy: text(),
    /** Progress a handler must survive a crash with (e.g. "the send was attempted at T"). */
    progress: jsonb().$type<Record<string, unknown>>(),
    result: jsonb().$type<Record<string, unknown>>(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    // Claims read only pending jobs; a lease that ran out is put back to pending by a sweep.
    index("jobs_pending_idx")
      .on(t.queue, t.id)
      .where(sql`${t.status} = 'pending'`),
    index("jobs_ordering_idx")
      .on(t.orderingKey, t.id)
      .where(sql`${t.status} in ('pending', 'running')`),
    // Retention deletes finished jobs by age (docs/decisions/0016); unfinished jobs are not in it.
    index("jobs_finished_idx")
      .on(t.status, t.finishedAt)
      .where(sql`${t.status} in ('done', 'dead')`),
  ],
);
