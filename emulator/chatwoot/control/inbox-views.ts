import { assigneeType } from "../payloads/conversation-payload.js";
import type { Conversation, Message } from "../model.js";
import type { Store } from "../store.js";
import { widgetShowsTyping } from "../typing.js";

export type SeenMessage = {
  id: number;
  conversationId: number;
  from: "customer" | "bot" | "agent" | "inbox";
  text: string;
  contentType: string;
  /** Quick replies, cards or form fields shown with it. */
  items?: unknown[];
};

function author(m: Message): SeenMessage["from"] {
  if (m.messageType === "incoming") return "customer";
  if (m.messageType === "template") return "inbox";
  return m.sender?.type === "AgentBot" ? "bot" : "agent";
}

/** What reaches the customer: their own messages and every public outgoing or template message. */
export function customerView(store: Store, conversations: Conversation[]): SeenMessage[] {
  const ids = new Set(conversations.map((c) => c.id));
  return store.messages
    .filter((m) => ids.has(m.conversationId) && m.messageType !== "activity" && !m.private)
    .map((m) => {
      const items = m.contentAttributes.items;
      const displayId = store.conversationById(m.conversationId).displayId;
      return {
        id: m.id,
        conversationId: displayId,
        from: author(m),
        text: m.content ?? "",
        contentType: m.contentType,
        ...(Array.isArray(items) && { items }),
      };
    });
}

/** What an agent sees of a conversation in the dashboard (and whether the widget shows someone typing). */
export function conversationState(store: Store, c: Conversation, nowMs: number) {
  const messages = store.messagesOf(c.id);
  return {
    displayId: c.displayId,
    status: c.status,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    assigneeAgentBotId: c.assigneeAgentBotId,
    assigneeType: assigneeType(c),
    priority: c.priority,
    labels: [...c.labels],
    customAttributes: { ...c.customAttributes },
    privateNotes: messages.filter((m) => m.private).map((m) => m.content ?? ""),
    activities: messages.filter((m) => m.messageType === "activity").map((m) => m.content ?? ""),
    /** The contact's web widget shows the typing bubble now. */
    agentTyping: widgetShowsTyping(store.typing, c.displayId, nowMs),
    updatedAt: c.updatedAt / 1_000_000,
  };
}

export type ConversationState = ReturnType<typeof conversationState>;
