import type { HistoryEntry } from "../../../db/schema/conversations.js";
import type { InboxAction } from "../../../domain/decision.js";
import { appendHistory, type ConversationState } from "../../conversations/conversation-state.js";
import { startHandover } from "../../conversations/ownership.js";
import type { Availability } from "./availability.js";
import { planHandover } from "./plan-handover.js";
import type { RoutedTurn } from "../decide/routed-turn.js";
import type { TurnContext } from "../decide/turn-context.js";

export type TurnEffects = {
  actions: InboxAction[];
  state: ConversationState;
  outcome: Record<string, unknown>;
};

/** Turns a routing decision into inbox actions, in order, and the conversation's next state. */
export function turnEffects(
  routed: RoutedTurn,
  ctx: TurnContext,
  state: ConversationState,
  now: Date,
  availability: Availability | null,
  options: { customerSpoke?: boolean } = {},
): TurnEffects {
  const at = now.toISOString();
  const customerLines: HistoryEntry[] = options.customerSpoke === false ? [] : [{ role: "customer", text: ctx.turn.text, at }];
  const actions: InboxAction[] = routed.replies.map((message) => ({ action: "message", message }));
  let outcome: Record<string, unknown> = { replies: routed.replies.length, ...(routed.fallbackCause && { fallbackCause: routed.fallbackCause }) };
  let next: ConversationState = appendHistory(
    {
      ...state,
      clarifyPending: routed.decision.route === "clarify" ? 1 : 0,
      lastMessageId: options.customerSpoke === false ? state.lastMessageId : ctx.turn.messageId,
      ...(routed.flowCursor !== undefined && { flowState: routed.flowCursor }),
    },
    customerLines,
  );
  const botLines: HistoryEntry[] = routed.replies.map((m) => ({ role: "bot", text: m.content, at }));

  if (routed.handoverTo) {
    const plan = planHandover({
      availability: availability ?? { kind: "available", presence: "unknown" },
      flowSaidHandover: routed.flowSaidHandover ?? false,
      decision: routed.decision,
      division: routed.handoverTo,
      divisions: ctx.divisions,
      settings: ctx.settings,
      history: next.history,
      seenAttributes: ctx.turn.conversationAttributes ?? null,
    });
    actions.push(...plan.actions);
    outcome = { ...outcome, ...plan.outcome };
    for (const a of plan.actions) {
      if (a.action === "message" && !a.message.private) botLines.push({ role: "bot", text: a.message.content, at });
    }
    if (plan.handedOver) {
      next = { ...startHandover(next), handedOverTo: routed.handoverTo.id, handedOverAt: now, teamId: routed.handoverTo.teamId };
    }
  }
  next = appendHistory(next, botLines);
  return { actions, state: next, outcome };
}
