import type { ConversationRow } from "../../db/queries/conversations.js";
import type { HistoryEntry } from "../../db/schema/conversations.js";
import type { Snapshot } from "../../inbox/parse-delivery.js";

export const historyWindow = 20;

export type ConversationState = ConversationRow;

/** A conversation the bot has never seen: bot-owned, pending, nothing remembered. */
export function freshConversation(
  botId: string,
  snapshot: Pick<Snapshot, "conversationId"> & Partial<Pick<Snapshot, "accountId" | "inboxId" | "channel" | "contactName">>,
  now: Date,
): ConversationState {
  return {
    botId,
    conversationId: snapshot.conversationId,
    accountId: snapshot.accountId ?? null,
    inboxId: snapshot.inboxId ?? null,
    channel: snapshot.channel ?? null,
    contactName: snapshot.contactName ?? null,
    inboxStatus: "pending",
    inboxUpdatedAt: null,
    owner: "bot",
    ownerReason: "new",
    ownerSince: null,
    openSeenAt: null,
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

export function appendHistory(state: ConversationState, entries: HistoryEntry[]): ConversationState {
  if (entries.length === 0) return state;
  return { ...state, history: [...state.history, ...entries].slice(-historyWindow) };
}
