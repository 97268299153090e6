import * as failedQ from "../../db/queries/failed-actions.js";
import type { ServiceDeps } from "../context.js";
import { orderingKey, queues } from "../pipeline-deps.js";

/** An inbox call for a conversation that failed for good (e.g. a team the inbox does not have). */
export type FailedAction = { action: string; error: string; at: string | null };

/** The conversation's inbox actions that were given up, with the inbox's reason, for the admin to see. */
export async function listFailedActions(deps: ServiceDeps, botId: string, conversationId: number): Promise<FailedAction[]> {
  const rows = await failedQ.listDeadJobs(deps.db, { botId, orderingKey: orderingKey(botId, conversationId), queue: queues.outbound });
  return rows.map((r) => ({
    action: typeof r.payload.action === "string" ? r.payload.action : "unknown",
    error: r.lastError ?? "unknown error",
    at: r.finishedAt?.toISOString() ?? null,
  }));
}
