import * as settingsQ from "../../db/queries/bot-settings.js";
import * as botsQ from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import * as decisionsQ from "../../db/queries/decisions.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import * as eventsQ from "../../db/queries/inbox-events.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { Db } from "../../db/client.js";
import type { InboxAction } from "../../domain/decision.js";
import { newId } from "../../ids.js";
import { type Classified, classifyDelivery } from "../../omnichat/classify.js";
import {
  appendHistory,
  applySnapshot,
  type ConversationState,
  freshConversation,
} from "../conversations/conversation-state.js";
import { orderingKey, type PipelineDeps, queues } from "../pipeline-deps.js";
import { type JobHandler, type JobOutcome, PermanentJobError } from "../queue/queue-worker.js";
import { decideTurn } from "../routing/decide-turn.js";
import type { TurnContext } from "../routing/turn-context.js";
import { turnEffects } from "./turn-effects.js";

/** Processes one stored delivery: state first, then (for a bot-owned turn) a decision and its actions. */
export function createInboundHandler(deps: PipelineDeps): JobHandler {
  return async (job) => {
    const eventId = Number(job.payload.eventId);
    const event = await eventsQ.findInboxEvent(deps.db, eventId);
    if (!event) throw new PermanentJobError(`inbox event ${String(eventId)} is gone`);
    const bot = await botsQ.findBot(deps.db, event.botId);
    if (!bot) return { type: "done", result: { skipped: "bot deleted" } };
    const classified = classifyDelivery(event.payload);
    if (classified.kind === "ignored") return { type: "done", result: { skipped: classified.reason } };

    const now = deps.clock.now().toJSDate();
    const existing = await conversationsQ.findConversation(deps.db, bot.id, classified.snapshot.conversationId);
    const before: ConversationState = existing ?? freshConversation(bot.id, classified.snapshot, now);
    const state = applySnapshot(before, classified.snapshot, now);

    if (classified.kind !== "turn") return { type: "done", commit: (tx) => conversationsQ.saveConversation(tx, recordNonTurn(state, classified, now)) };
    if (state.owner === "human") {
      // A human owns it: keep the transcript, say nothing.
      const next = appendHistory(state, [{ role: "customer", text: classified.turn.text, at: now.toISOString() }]);
      return { type: "done", commit: (tx) => conversationsQ.saveConversation(tx, next), result: { silent: "human-owned" } };
    }
    return decideAndAct(deps, bot.id, eventId, classified, state, now);
  };
}

function recordNonTurn(state: ConversationState, classified: Classified, now: Date): ConversationState {
  if (classified.kind === "record" && classified.reason === "agent_message" && classified.content) {
    return appendHistory(state, [{ role: "agent", text: classified.content, at: now.toISOString() }]);
  }
  return state;
}

async function decideAndAct(
  deps: PipelineDeps,
  botId: string,
  eventId: number,
  classified: Extract<Classified, { kind: "turn" }>,
  state: ConversationState,
  now: Date,
): Promise<JobOutcome> {
  const settingsRow = await settingsQ.findBotSettings(deps.db, botId);
  if (!settingsRow) throw new PermanentJobError(`bot ${botId} has no settings`);
  const divisions = await divisionsQ.listDivisions(deps.db, botId);
  const ctx: TurnContext = {
    botId,
    conversationId: state.conversationId,
    settings: settingsRow.settings,
    officeHours: settingsRow.officeHours,
    divisions,
    turn: classified.turn,
    history: state.history,
    clarifyPending: state.clarifyPending > 0,
  };
  const routed = await decideTurn(deps, ctx);
  const effects = turnEffects(routed, ctx, state, now);
  const decisionId = newId("dec");
  const next = { ...effects.state, lastDecisionId: decisionId };
  return {
    type: "done",
    result: { decisionId, route: routed.decision.route },
    commit: async (tx) => {
      await decisionsQ.insertDecision(tx, {
        id: decisionId,
        botId,
        conversationId: state.conversationId,
        eventId,
        ...routed.decision,
        outcome: effects.outcome,
        text: classified.turn.text,
        createdAt: now,
      });
      await conversationsQ.saveConversation(tx, next);
      await enqueueActions(tx, botId, state.conversationId, effects.actions, now);
    },
  };
}

async function enqueueActions(tx: Db, botId: string, conversationId: number, actions: InboxAction[], now: Date): Promise<void> {
  await jobsQ.insertJobs(
    tx,
    actions.map((action) => ({
      queue: queues.outbound,
      botId,
      orderingKey: orderingKey(botId, conversationId),
      payload: { conversationId, ...action },
      maxAttempts: 10,
      runAt: now,
    })),
    now,
  );
}
