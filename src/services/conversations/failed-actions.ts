import * as decisionsQ from "../../db/queries/decisions.js";
import * as failedQ from "../../db/queries/failed-actions.js";
import type { ServiceDeps } from "../context.js";
import { outboxPayloadSchema, outboxProgressSchema } from "../turn/outbox/outbox-job.js";
import { conversationKey, queues } from "../queue/queues.js";

/** An inbox call for a conversation that failed for good (e.g. a team the inbox does not have). */
export type FailedAction = { action: string; error: string; at: string | null };

/**
 * The conversation's inbox actions that were given up, with the inbox's reason, for the admin to
 * see: actions the inbox refused while the rest of the turn went out (recorded on the decision),
 * then outbound jobs that gave up as a whole (at the action they stopped on), oldest first.
 */
export async function listFailedActions(deps: ServiceDeps, botId: string, conversationId: number): Promise<FailedAction[]> {
  const [refused, dead] = await Promise.all([
    decisionsQ.listInboxFailures(deps.db, botId, conversationId),
    failedQ.listDeadJobs(deps.db, { botId, orderingKey: conversationKey(botId, conversationId), queue: queues.outbound }),
  ]);
  const fromDecisions = refused.flatMap(({ failures, decidedAt }) =>
    failures.map((f) => ({ action: f.action, error: f.error, at: f.at ?? decidedAt.toISOString() })),
  );
  const fromDeadJobs = dead.map((job) => {
    const payload = outboxPayloadSchema.safeParse(job.payload);
    const progress = outboxProgressSchema.safeParse(job.progress);
    const stoppedAt = payload.success ? payload.data.actions[progress.success ? progress.data.step : 0] : undefined;
    return { action: stoppedAt?.action ?? "unknown", error: job.lastError ?? "unknown error", at: job.finishedAt?.toISOString() ?? null };
  });
  return [...fromDecisions, ...fromDeadJobs];
}
