import { DateTime } from "luxon";
import * as settingsQ from "../../db/queries/bot-settings.js";
import type { BotRow } from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import * as decisionsQ from "../../db/queries/decisions.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { Db } from "../../db/client.js";
import type { Decision, InboxAction } from "../../domain/decision.js";
import { newId } from "../../ids.js";
import type { TurnInput } from "../../omnichat/classify.js";
import type { ConversationState } from "../conversations/conversation-state.js";
import { type Availability, checkAvailability, scheduleFor } from "../handover/availability.js";
import { turnEffects } from "../inbox/turn-effects.js";
import { orderingKey, type PipelineDeps, queues } from "../pipeline-deps.js";
import { PermanentJobError } from "../queue/queue-worker.js";
import { decideTurn } from "../routing/decide-turn.js";
import type { RoutedTurn } from "../routing/routed-turn.js";
import type { TurnContext } from "../routing/turn-context.js";

/** One decided turn, not yet stored: what the customer and the inbox will see, and the next state. */
export type PreparedTurn = {
  decisionId: string;
  decision: Decision;
  actions: InboxAction[];
  state: ConversationState;
  outcome: Record<string, unknown>;
  text: string;
};

async function loadContext(deps: PipelineDeps, botId: string, state: ConversationState, turn: TurnInput): Promise<TurnContext> {
  const settingsRow = await settingsQ.findBotSettings(deps.db, botId);
  if (!settingsRow) throw new PermanentJobError(`bot ${botId} has no settings`);
  return {
    botId,
    conversationId: state.conversationId,
    settings: settingsRow.settings,
    officeHours: settingsRow.officeHours,
    divisions: await divisionsQ.listDivisions(deps.db, botId),
    channel: state.channel,
    flows: [],
    turn,
    history: state.history,
    clarifyPending: state.clarifyPending > 0,
  };
}

/** Office hours, then presence of the division's team (only asked when open). */
function availabilityFor(deps: PipelineDeps, bot: BotRow, ctx: TurnContext, routed: RoutedTurn, now: Date): Promise<Availability> | null {
  const division = routed.handoverTo;
  if (!division) return null;
  return checkAvailability({
    schedule: scheduleFor(division, ctx.officeHours),
    now: DateTime.fromJSDate(now),
    settings: ctx.settings,
    presence: () => deps.teamPresence(bot, deps.inboxFor(bot), division.teamId),
  });
}

/**
 * Decides one bot-owned customer turn (ARCHITECTURE "journey of one turn"): routing, then for a
 * handover the division's availability, then the inbox actions in order and the next state. Used
 * by the inbound queue and by the simulator alike, so both run the very same logic.
 */
export async function prepareTurn(deps: PipelineDeps, bot: BotRow, state: ConversationState, turn: TurnInput, now: Date): Promise<PreparedTurn> {
  const ctx = await loadContext(deps, bot.id, state, turn);
  const routed = await decideTurn(deps, ctx);
  const availability = await availabilityFor(deps, bot, ctx, routed, now);
  const effects = turnEffects(routed, ctx, state, now, availability);
  const decisionId = newId("dec");
  return {
    decisionId,
    decision: routed.decision,
    actions: effects.actions,
    state: { ...effects.state, lastDecisionId: decisionId },
    outcome: effects.outcome,
    text: turn.text,
  };
}

/** Stores the decision and the next state; with `enqueue`, the inbox actions go to the outbox too. */
export async function commitTurn(tx: Db, turn: PreparedTurn, opts: { eventId: number | null; now: Date; enqueue: boolean }): Promise<void> {
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
  await jobsQ.insertJobs(
    tx,
    turn.actions.map((action) => ({
      queue: queues.outbound,
      botId: state.botId,
      orderingKey: orderingKey(state.botId, state.conversationId),
      payload: { conversationId: state.conversationId, ...action },
      maxAttempts: 10,
      runAt: opts.now,
    })),
    opts.now,
  );
}
