import type { BotRow } from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import type { HistoryEntry } from "../../db/schema/conversations.js";
import { type ParsedDelivery, parseDelivery } from "../../inbox/parse-delivery.js";
import { InboxApiError } from "../../inbox/inbox-api-error.js";
import { appendHistory, type ConversationState, freshConversation } from "../conversations/conversation-state.js";
import { type Observation, type Observed, observe } from "../conversations/ownership.js";
import type { PipelineDeps } from "../pipeline-deps.js";
import type { JobLoaders } from "../queue/job-loaders.js";
import { type JobHandler, type JobOutcome, PermanentJobError } from "../queue/queue-worker.js";
import { learnFromReroute } from "../memory/learn-from-reroute.js";
import { turnDone } from "./commit/commit-turn.js";
import { type PreparedTurn, prepareHandback, prepareTurn, type TurnDeps } from "./prepare/prepare-turn.js";
import { typingIndicator } from "./effects/typing-indicator.js";

type Delivered = Exclude<ParsedDelivery, { kind: "ignored" }>;

/**
 * Processes one stored delivery: what it says about who owns the conversation first
 * (docs/decisions/0010), then, for a customer turn the bot owns, a decision and its actions.
 */
/**
 * What the inbound job needs: preparing a turn (`TurnDeps`), the typing indicator, learning from
 * re-routes, and the clock, wait budget and metrics; not the webhook's writer or the queue nudge.
 */
export type InboundDeps = TurnDeps & Pick<PipelineDeps, "clock" | "metrics" | "turnWaitBudgetMs" | "inboxFacts">;

export function createInboundHandler(deps: InboundDeps, load: JobLoaders): JobHandler {
  return async (job) => {
    const eventId = Number(job.payload.eventId);
    const event = await load.event(eventId);
    if (!event) throw new PermanentJobError(`inbox event ${String(eventId)} is gone`);
    const bot = await load.bot(event.botId);
    if (!bot) return { type: "done", result: { skipped: "bot deleted" } };
    const parsed = parseDelivery(event.payload);
    if (parsed.kind === "ignored") return { type: "done", result: { skipped: parsed.reason } };

    const now = deps.clock.now().toJSDate();
    const existing = await load.conversation(bot.id, parsed.snapshot.conversationId);
    const before: ConversationState = existing ?? freshConversation(bot.id, parsed.snapshot, now);
    const seen = await observeWithInbox(deps, bot, before, parsed, now);
    const result = { transition: seen.transition, effect: seen.effect };

    if (parsed.kind === "status") {
      const lesson = await learnFromReroute(deps, bot.id, before, seen.state, now);
      if (lesson) {
        return {
          type: "done",
          result: { ...result, learned: "agent re-route" },
          commit: async (tx) => {
            await lesson.commit(tx);
            await conversationsQ.saveConversation(tx, lesson.state);
          },
        };
      }
    }
    if (seen.effect === "close_session") return closeSession(deps, bot, seen.state, { eventId, now, result });
    if (seen.effect === "route" && parsed.kind === "turn") {
      // The wait budget counts from the delivery: time queued behind other turns is time waited.
      const waitedMs = now.getTime() - event.receivedAt.getTime();
      const started = performance.now();
      const typing = typingIndicator(deps, bot, parsed.snapshot.conversationId);
      const decided = await prepareTurn(deps, bot, seen.state, parsed.turn, now, {
        llmWaitMs: deps.turnWaitBudgetMs - waitedMs,
        beforeLlm: (ctx) => {
          typing.thinking(ctx.settings);
        },
      });
      observeTurn(deps, decided, { waitedMs, decideMs: performance.now() - started });
      const prepared = { ...decided, actions: await typing.finish(decided.actions) };
      return {
        type: "done",
        result: { ...result, decisionId: prepared.decisionId, route: prepared.decision.route },
        ...turnDone(prepared, { eventId, now, receivedAt: event.receivedAt }),
      };
    }
    const recorded = appendHistory(seen.state, transcriptLines(parsed, now));
    return { type: "done", result, writes: (db) => [conversationsQ.saveConversation(db, recorded)] };
  };
}

/**
 * Observes the delivery; when it is ambiguous (a `pending` customer message after our own
 * handover, with no sign yet that the inbox showed it open), reads the conversation from the inbox
 * and observes that first. A token that may not read it leaves the bot silent, the safe side.
 */
async function observeWithInbox(deps: InboundDeps, bot: BotRow, state: ConversationState, delivered: Delivered, now: Date): Promise<Observed> {
  const self = { agentBotId: bot.omnichatAgentBotId };
  const seen = observe(state, delivered, self, now);
  if (seen.effect !== "verify") return seen;
  const read = await readConversation(deps, bot, delivered.snapshot.conversationId);
  if (!read) return { ...seen, effect: "silent" };
  const inbox: Observation = {
    kind: "inbox_read",
    // The read happened after the message was written, whatever clock the inbox keeps.
    snapshot: { ...delivered.snapshot, status: read.status, updatedAt: read.updatedAt ?? delivered.snapshot.updatedAt },
  };
  const afterRead = observe(seen.state, inbox, self, now);
  if (afterRead.effect === "close_session") return afterRead;
  const again = observe(afterRead.state, delivered, self, now);
  return { ...again, effect: again.effect === "verify" ? "silent" : again.effect, transition: again.transition ?? afterRead.transition };
}

async function readConversation(deps: InboundDeps, bot: BotRow, conversationId: number) {
  const client = deps.inboxFor(bot);
  if (!client) return null;
  try {
    return await client.getConversation(conversationId);
  } catch (error) {
    // The inbox is down: try the job again later rather than guess. A refusal will not change.
    if (error instanceof InboxApiError && error.details.retryable) throw error;
    deps.logger.info({ err: error, botId: bot.id, conversationId }, "could not read the conversation; staying silent");
    return null;
  }
}

/** A human resolved the conversation: the flows hear `handback` (at most one closing message). */
async function closeSession(
  deps: InboundDeps,
  bot: BotRow,
  state: ConversationState,
  args: { eventId: number; now: Date; result: Record<string, unknown> },
): Promise<JobOutcome> {
  const closing = await prepareHandback(deps, bot, state, args.now);
  if (!closing) return { type: "done", result: args.result, writes: (db) => [conversationsQ.saveConversation(db, state)] };
  return {
    type: "done",
    result: { ...args.result, handback: closing.decisionId },
    ...turnDone(closing, { eventId: args.eventId, now: args.now }),
  };
}

/** The turn's figures for an operator: how long it waited and took, what decided, the handover. */
function observeTurn(deps: InboundDeps, turn: PreparedTurn, times: { waitedMs: number; decideMs: number }): void {
  const fallbackCause = typeof turn.outcome.fallbackCause === "string" ? turn.outcome.fallbackCause : null;
  deps.metrics.turnDecided({
    route: turn.decision.route,
    source: turn.decision.source,
    fallbackCause,
    waitedSeconds: times.waitedMs / 1000,
    decideSeconds: times.decideMs / 1000,
  });
  const handover = turn.outcome.handover as { divisionId?: unknown; availability?: unknown; handedOver?: unknown } | undefined;
  if (handover && typeof handover.divisionId === "string") {
    deps.metrics.handedOver({ division: handover.divisionId, availability: String(handover.availability), handedOver: handover.handedOver === true });
  }
}

/** What the transcript keeps of a delivery the bot does not answer. */
function transcriptLines(delivered: Delivered, now: Date): HistoryEntry[] {
  const at = now.toISOString();
  if (delivered.kind === "turn") return [{ role: "customer", text: delivered.turn.text, at }];
  if (delivered.kind === "record" && delivered.reason === "agent_message" && delivered.content) {
    return [{ role: "agent", text: delivered.content, at }];
  }
  return [];
}
