import type { ConversationRow } from "../../db/queries/conversations.js";
import type { HistoryEntry } from "../../db/schema/conversations.js";
import type { Snapshot } from "../../omnichat/classify.js";

export const historyWindow = 20;

export type ConversationState = ConversationRow;

export function freshConversation(botId: string, snapshot: Snapshot, now: Date): ConversationState {
  return {
    botId,
    conversationId: snapshot.conversationId,
    accountId: snapshot.accountId,
    inboxId: snapshot.inboxId,
    channel: snapshot.channel,
    contactName: snapshot.contactName,
    inboxStatus: "pending",
    inboxUpdatedAt: null,
    owner: "bot",
    handedOverTo: null,
    handedOverAt: null,
    teamId: null,
    activeBotId: null,
    flowState: null,
    clarifyPending: 0,
    history: [],
    lastDecisionId: null,
    lastMessageId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The bot takes over again with nothing left over from before the human had it. */
function resetForBot(state: ConversationState): ConversationState {
  return { ...state, owner: "bot", handedOverTo: null, handedOverAt: null, flowState: null, clarifyPending: 0 };
}

/**
 * Applies the inbox's view of the conversation. Status transitions decide ownership: `open` or
 * `snoozed` means a human has it; back to `pending` from a human status, or `resolved`, hands it
 * back to the bot with a clean slate. An older snapshot than one already applied changes nothing.
 */
export function applySnapshot(state: ConversationState, snapshot: Snapshot, now: Date): ConversationState {
  if (snapshot.updatedAt !== null && state.inboxUpdatedAt !== null && snapshot.updatedAt < state.inboxUpdatedAt) {
    return state;
  }
  let next: ConversationState = {
    ...state,
    accountId: snapshot.accountId ?? state.accountId,
    inboxId: snapshot.inboxId ?? state.inboxId,
    channel: snapshot.channel ?? state.channel,
    contactName: snapshot.contactName ?? state.contactName,
    inboxUpdatedAt: snapshot.updatedAt ?? state.inboxUpdatedAt,
    teamId: snapshot.teamId ?? state.teamId,
    updatedAt: now,
  };
  const previous = state.inboxStatus;
  const status = snapshot.status;
  if (status === null || status === previous) return next;
  next = { ...next, inboxStatus: status };
  if (status === "open" || status === "snoozed") return { ...next, owner: "human" };
  if (status === "resolved") return resetForBot(next);
  // status === "pending": a handback only when it comes from a human-owned or closed status.
  return previous === "pending" ? next : resetForBot(next);
}

export function appendHistory(state: ConversationState, entries: HistoryEntry[]): ConversationState {
  if (entries.length === 0) return state;
  return { ...state, history: [...state.history, ...entries].slice(-historyWindow) };
}
