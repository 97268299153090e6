import type { HistoryEntry } from "../../../db/schema/conversations.js";
import type { TurnInput } from "../../../inbox/parse-delivery.js";
import { type ConversationState, freshConversation, historyWindow } from "../../conversations/conversation-state.js";
import { type EvalCase, type EvalTurn, isCustomerRole } from "./dataset.js";

const historyRole: Record<EvalTurn["role"], HistoryEntry["role"] | null> = {
  customer: "customer",
  user: "customer",
  bot: "bot",
  assistant: "bot",
  agent: "agent",
  // Not something a conversation's history can hold; the router never sees it.
  system: null,
};

// Earlier turns are spaced a minute apart, ending just before the decided turn.
const turnSpacingMs = 60_000;

/**
 * A case as the pipeline sees it: a fresh bot-owned conversation whose history holds the turns
 * before the last customer turn, and that last customer turn as the input to decide. Turns
 * after it (a bot reply in the file) are not part of the decision and are dropped.
 */
export function caseConversation(botId: string, c: EvalCase, conversationId: number, now: Date): { state: ConversationState; turn: TurnInput } {
  const turns = c.turns ?? [{ role: "customer" as const, text: c.text ?? "" }];
  const lastCustomer = turns.findLastIndex((t) => isCustomerRole(t.role));
  const current = turns[lastCustomer] ?? { role: "customer" as const, text: "" };
  const earlier = turns.slice(0, Math.max(lastCustomer, 0)).flatMap((t): { role: HistoryEntry["role"]; text: string }[] => {
    const role = historyRole[t.role];
    return role === null ? [] : [{ role, text: t.text }];
  });
  const history: HistoryEntry[] = earlier.slice(-historyWindow).map((entry, i, all) => ({
    ...entry,
    at: new Date(now.getTime() - (all.length - i) * turnSpacingMs).toISOString(),
  }));
  return {
    state: { ...freshConversation(botId, { conversationId, channel: c.channel ?? null }, now), history },
    turn: { messageId: conversationId, text: current.text, payload: null, attachmentTypes: [], contentAttributes: {} },
  };
}
