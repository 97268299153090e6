import { DateTime } from "luxon";
import type { BotRow } from "../../../db/queries/bots.js";
import * as botsQ from "../../../db/queries/bots.js";
import type { Decision, InboxAction } from "../../../domain/decision.js";
import { newId } from "../../../ids.js";
import type { TurnInput } from "../../../inbox/parse-delivery.js";
import type { ConversationState } from "../../conversations/conversation-state.js";
import { type Availability, checkAvailability, scheduleFor } from "../effects/availability.js";
import { turnEffects } from "../effects/turn-effects.js";
import type { PipelineDeps } from "../../pipeline-deps.js";
import { channelKind } from "../../../domain/channels.js";
import { readFlowCursor } from "../../flows/flow-cursor.js";
import { commandInput, handbackCommand } from "../../flows/flow-input.js";
import { decideTurn, type RoutingHooks } from "../decide/decide-turn.js";
import { emptyRecall } from "../../memory/recall.js";
import { flowInput, runFlows } from "../decide/flow-router.js";
import type { RoutedTurn } from "../decide/routed-turn.js";
import type { TurnContext } from "../decide/turn-context.js";

/**
 * What preparing a turn reads: the bot's configuration, the routing LLM and memory, and who is
 * online. Callers outside the queue (the simulator, the evals) pass only these.
 */
export type TurnDeps = Pick<PipelineDeps, "db" | "embedder" | "logger" | "llmBudget" | "botConfig" | "teamPresence" | "inboxFor">;

/** One decided turn, not yet stored: what the customer and the inbox will see, and the next state. */
export type PreparedTurn = {
  decisionId: string;
  decision: Decision;
  actions: InboxAction[];
  state: ConversationState;
  outcome: Record<string, unknown>;
  text: string;
};

async function loadContext(
  deps: TurnDeps,
  bot: Pick<BotRow, "id" | "configVersion">,
  state: ConversationState,
  turn: TurnInput,
  llmWaitMs?: number,
): Promise<TurnContext> {
  const config = await deps.botConfig(bot);
  return {
    botId: bot.id,
    conversationId: state.conversationId,
    settings: config.settings,
    officeHours: config.officeHours,
    divisions: config.divisions,
    channel: state.channel,
    flows: config.flows,
    flowCursor: readFlowCursor(state.flowState),
    seed: `${String(state.conversationId)}:${String(turn.messageId)}`,
    turn,
    memory: emptyRecall,
    history: state.history,
    clarifyPending: state.clarifyPending > 0,
    ...(llmWaitMs !== undefined && { llmWaitMs }),
  };
}

/** Office hours, then presence of the division's team (only asked when open). */
function availabilityFor(deps: TurnDeps, bot: BotRow, ctx: TurnContext, routed: RoutedTurn, now: Date): Promise<Availability> | null {
  const division = routed.handoverTo;
  if (!division) return null;
  return checkAvailability({
    schedule: scheduleFor(division, ctx.officeHours),
    now: DateTime.fromJSDate(now),
    settings: ctx.settings,
    presence: () => deps.teamPresence(bot, deps.inboxFor(bot), division.teamId),
  });
}

/** The bot whose configuration answers: the conversation's active bot after a bot handover, if it still exists. */
async function configBot(deps: TurnDeps, bot: BotRow, state: ConversationState): Promise<BotRow> {
  if (!state.activeBotId || state.activeBotId === bot.id) return bot;
  return (await botsQ.findBot(deps.db, state.activeBotId)) ?? bot;
}

/**
 * Bot-to-bot handover: the target bot (of the same inbox) answers this very turn — in the named
 * flow with the carried variables, or by its own routing — and the following ones.
 */
async function handOverToBot(
  deps: TurnDeps,
  inboxBot: BotRow,
  from: TurnContext,
  routed: RoutedTurn,
  state: ConversationState,
  hooks: RoutingHooks,
): Promise<{ ctx: TurnContext; routed: RoutedTurn; activeBotId: string | null }> {
  const request = routed.botHandover;
  if (!request) return { ctx: from, routed, activeBotId: null };
  const target = await botsQ.findBot(deps.db, request.botId);
  const refusal = !target
    ? "no such bot"
    : target.id === from.botId
      ? "it is this bot"
      : target.omnichatInboxId !== null && inboxBot.omnichatInboxId !== null && target.omnichatInboxId !== inboxBot.omnichatInboxId
        ? "it serves another inbox"
        : null;
  if (!target || refusal) {
    return {
      ctx: from,
      routed: { ...routed, decision: { ...routed.decision, reason: `${routed.decision.reason}; bot handover to ${request.botId} refused: ${refusal ?? ""}` } },
      activeBotId: null,
    };
  }
  const ctx = await loadContext(deps, target, { ...state, flowState: null, clarifyPending: 0 }, from.turn);
  const variables = { originBot: from.botId, ...request.variables };
  const next = request.flowId
    ? runFlows(ctx, flowInput(ctx), `bot handover to ${target.name}, flow ${request.flowId}`, { startFlowId: request.flowId, variables })
    : await decideTurn(deps, ctx, hooks);
  return {
    ctx,
    activeBotId: target.id,
    routed: {
      ...next,
      // The previous bot's flow position means nothing to the new bot.
      flowCursor: next.flowCursor ?? null,
      replies: [...routed.replies, ...next.replies],
      decision: { ...next.decision, reason: `${routed.decision.reason}; bot handover to ${target.name}; ${next.decision.reason}` },
    },
  };
}

/**
 * Decides one bot-owned customer turn (docs/architecture.md, steps 6–8): routing, then for a
 * handover the division's availability, then the inbox actions in order and the next state. Used
 * by the inbound queue and by the simulator alike, so both run the very same logic.
 */
export async function prepareTurn(
  deps: TurnDeps,
  bot: BotRow,
  state: ConversationState,
  turn: TurnInput,
  now: Date,
  options: { llmWaitMs?: number } & RoutingHooks = {},
): Promise<PreparedTurn> {
  const first = await loadContext(deps, await configBot(deps, bot, state), state, turn, options.llmWaitMs);
  const hooks: RoutingHooks = options.beforeLlm ? { beforeLlm: options.beforeLlm } : {};
  const handed = await handOverToBot(deps, bot, first, await decideTurn(deps, first, hooks), state, hooks);
  const { ctx, routed } = handed;
  const availability = await availabilityFor(deps, bot, ctx, routed, now);
  const effects = turnEffects(routed, ctx, state, now, availability);
  const decisionId = newId("dec");
  const activeBotId = handed.activeBotId ?? state.activeBotId;
  return {
    decisionId,
    decision: routed.decision,
    actions: effects.actions,
    state: { ...effects.state, activeBotId, lastDecisionId: decisionId },
    outcome: { ...effects.outcome, ...(ctx.botId !== bot.id && { answeredBy: ctx.botId }) },
    text: turn.text,
  };
}

/**
 * When a human hands the conversation back, the flows hear the `handback` command, so a flow can
 * close the session ("Terima kasih sudah menghubungi Bank ABC"). Null when no flow listens.
 */
export async function prepareHandback(deps: TurnDeps, bot: BotRow, state: ConversationState, now: Date): Promise<PreparedTurn | null> {
  const turn = { messageId: 0, text: handbackCommand, payload: null, attachmentTypes: [], contentAttributes: {} };
  const ctx = await loadContext(deps, await configBot(deps, bot, state), state, turn);
  const input = commandInput(handbackCommand, channelKind(state.channel));
  const routed = runFlows(ctx, input, "handback");
  // No flow listens to the command: nothing to say.
  if (routed.replies.length === 0) return null;
  const effects = turnEffects({ ...routed, handoverTo: null }, ctx, state, now, null, { customerSpoke: false });
  const decisionId = newId("dec");
  return {
    decisionId,
    decision: routed.decision,
    actions: effects.actions,
    state: { ...effects.state, lastDecisionId: decisionId },
    outcome: effects.outcome,
    text: "(handback)",
  };
}
