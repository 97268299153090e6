import type { Db } from "../../../db/client.js";
import type { Write } from "../../../db/guarded-writes.js";
import * as conversationsQ from "../../../db/queries/conversations.js";
import * as decisionsQ from "../../../db/queries/decisions.js";
import * as jobsQ from "../../../db/queries/jobs.js";
import { outboxJob } from "../outbox/outbox-job.js";
import type { PreparedTurn } from "../prepare/prepare-turn.js";

type CommitOptions = { eventId: number | null; now: Date; enqueue: boolean; receivedAt?: Date };

/**
 * The statements that store a turn: the decision and the next state; with `enqueue`, the inbox
 * actions go to the outbox too. Built, not run: the queue writes them with the job's "done".
 */
export function turnWrites(db: Db, turn: PreparedTurn, opts: CommitOptions): Write[] {
  const { state } = turn;
  const writes = [
    decisionsQ.insertDecision(db, {
      id: turn.decisionId,
      botId: state.botId,
      conversationId: state.conversationId,
      eventId: opts.eventId,
      ...turn.decision,
      outcome: turn.outcome,
      text: turn.text,
      createdAt: opts.now,
    }),
    conversationsQ.saveConversation(db, state),
  ];
  if (!opts.enqueue || !sendsAnything(turn)) return writes;
  const job = outboxJob({
    botId: state.botId,
    conversationId: state.conversationId,
    decisionId: turn.decisionId,
    actions: turn.actions,
    now: opts.now,
    receivedAt: opts.receivedAt ?? null,
  });
  return [...writes, jobsQ.insertJob(db, job, opts.now)];
}

const sendsAnything = (turn: PreparedTurn) => turn.actions.length > 0;

/**
 * A turn as its inbound job's "done": the writes, the outbox job among them, and whether there is
 * one, so that the worker carries on with it at once rather than at its queue's next poll.
 */
export function turnDone(turn: PreparedTurn, opts: Omit<CommitOptions, "enqueue">) {
  return { writes: (db: Db) => turnWrites(db, turn, { ...opts, enqueue: true }), enqueuesNext: sendsAnything(turn) };
}

/** Stores a turn in the transaction `tx` (the simulator's, which has no job to finish). */
export async function commitTurn(tx: Db, turn: PreparedTurn, opts: CommitOptions): Promise<void> {
  for (const write of turnWrites(tx, turn, opts)) await write;
}
