import type { Db } from "../../../db/client.js";
import * as conversationsQ from "../../../db/queries/conversations.js";
import * as decisionsQ from "../../../db/queries/decisions.js";
import * as jobsQ from "../../../db/queries/jobs.js";
import { outboxJob } from "../outbox/outbox-job.js";
import type { PreparedTurn } from "../prepare/prepare-turn.js";

/** Stores the decision and the next state; with `enqueue`, the inbox actions go to the outbox too. */
export async function commitTurn(tx: Db, turn: PreparedTurn, opts: { eventId: number | null; now: Date; enqueue: boolean; receivedAt?: Date }): Promise<void> {
  const { state } = turn;
  await decisionsQ.insertDecision(tx, {
    id: turn.decisionId,
    botId: state.botId,
    conversationId: state.conversationId,
    eventId: opts.eventId,
    ...turn.decision,
    outcome: turn.outcome,
    text: turn.text,
    createdAt: opts.now,
  });
  await conversationsQ.saveConversation(tx, state);
  if (!opts.enqueue || turn.actions.length === 0) return;
  const job = outboxJob({
    botId: state.botId,
    conversationId: state.conversationId,
    decisionId: turn.decisionId,
    actions: turn.actions,
    now: opts.now,
    receivedAt: opts.receivedAt ?? null,
  });
  await jobsQ.insertJobs(tx, [job], opts.now);
}
