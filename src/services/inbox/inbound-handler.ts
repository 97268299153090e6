import * as botsQ from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import * as eventsQ from "../../db/queries/inbox-events.js";
import { type Classified, classifyDelivery } from "../../omnichat/classify.js";
import {
  appendHistory,
  applySnapshot,
  type ConversationState,
  freshConversation,
} from "../conversations/conversation-state.js";
import type { PipelineDeps } from "../pipeline-deps.js";
import { type JobHandler, PermanentJobError } from "../queue/queue-worker.js";
import { learnFromReroute } from "../semantic/learn-from-reroute.js";
import { commitTurn, prepareHandback, prepareTurn } from "../turns/run-turn.js";

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

    if (classified.kind !== "turn") {
      const lesson = await learnFromReroute(deps, bot.id, before, state, now);
      if (lesson) {
        return {
          type: "done",
          result: { learned: "agent re-route" },
          commit: async (tx) => {
            await lesson.commit(tx);
            await conversationsQ.saveConversation(tx, lesson.state);
          },
        };
      }
      const recorded = recordNonTurn(state, classified, now);
      const handback = before.owner === "human" && recorded.owner === "bot" ? await prepareHandback(deps, bot, recorded, now) : null;
      if (!handback) return { type: "done", commit: (tx) => conversationsQ.saveConversation(tx, recorded) };
      return { type: "done", result: { handback: handback.decisionId }, commit: (tx) => commitTurn(tx, handback, { eventId, now, enqueue: true }) };
    }
    if (state.owner === "human") {
      // A human owns it: keep the transcript, say nothing.
      const next = appendHistory(state, [{ role: "customer", text: classified.turn.text, at: now.toISOString() }]);
      return { type: "done", commit: (tx) => conversationsQ.saveConversation(tx, next), result: { silent: "human-owned" } };
    }
    const prepared = await prepareTurn(deps, bot, state, classified.turn, now);
    return {
      type: "done",
      result: { decisionId: prepared.decisionId, route: prepared.decision.route },
      commit: (tx) => commitTurn(tx, prepared, { eventId, now, enqueue: true }),
    };
  };
}

function recordNonTurn(state: ConversationState, classified: Classified, now: Date): ConversationState {
  if (classified.kind === "record" && classified.reason === "agent_message" && classified.content) {
    return appendHistory(state, [{ role: "agent", text: classified.content, at: now.toISOString() }]);
  }
  return state;
}
