import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { jobs } from "../schema/jobs.js";

/** A conversation's jobs of one queue that gave up (dead-lettered), oldest first, with the reason. */
export async function listDeadJobs(db: Db, args: { botId: string; orderingKey: string; queue: string }) {
  return db
    .select({ payload: jobs.payload, progress: jobs.progress, lastError: jobs.lastError, finishedAt: jobs.finishedAt })
    .from(jobs)
    .where(and(eq(jobs.botId, args.botId), eq(jobs.status, "dead"), eq(jobs.orderingKey, args.orderingKey), eq(jobs.queue, args.queue)))
    .orderBy(asc(jobs.id))
    .limit(50);
}
