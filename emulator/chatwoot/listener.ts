import type { DomainEvent } from "./events.js";
import type { AgentBot, Conversation, Message } from "./model.js";
import { conversationWebhook } from "./payloads/conversation-payload.js";
import { type PayloadContext, messageWebhook } from "./payloads/message-payload.js";
import type { JsonObject } from "./payloads/party-payloads.js";
import { widgetTriggeredPayload } from "./payloads/widget-payload.js";
import type { BotEvent } from "./profiles.js";

/** One delivery to one bot: the payload is final; the queue only sends it. */
export type Outgoing = { bot: AgentBot; event: BotEvent; payload: JsonObject; conversationId: number | null; messageId: number | null };

/**
 * Chatwoot app/listeners/agent_bot_listener.rb, run by the synchronous dispatcher: the payload is
 * built now, as the conversation is at this moment, and handed to a background job per bot.
 */
export function createAgentBotListener(ctx: PayloadContext, enqueue: (outgoing: Outgoing) => void) {
  const { store, profile } = ctx;

  /** agent_bots_for: the conversation's assignee bot (4.8.0+) and the inbox's active bot, once each. */
  function botsFor(conversation: Conversation | null): AgentBot[] {
    const bots: AgentBot[] = [];
    const assigned = profile.assigneeBotReceivesEvents && conversation ? store.bot(conversation.assigneeAgentBotId) : undefined;
    if (assigned) bots.push(assigned);
    const inboxBot = store.activeInboxBot();
    if (inboxBot && !bots.includes(inboxBot)) bots.push(inboxBot);
    // process_webhook_bot_event: a bot without an outgoing_url gets nothing.
    return bots.filter((b) => b.outgoingUrl);
  }

  /** Message#webhook_sendable? (v1.18: #reportable?, so no templates); activity never goes out. */
  function sendable(m: Message): boolean {
    if (m.messageType === "activity") return false;
    return m.messageType !== "template" || profile.templateMessagesSent;
  }

  function send(event: BotEvent, payload: JsonObject, conversation: Conversation | null, messageId: number | null): void {
    for (const bot of botsFor(conversation)) enqueue({ bot, event, payload, conversationId: conversation?.displayId ?? null, messageId });
  }

  return (event: DomainEvent): void => {
    // AgentBotListener defines no typing handlers: typing reaches the dashboard and the widget only.
    if (event.name === "conversation_typing_on" || event.name === "conversation_typing_off") return;
    if (!profile.events.includes(event.name)) return;
    switch (event.name) {
      case "message_created":
      case "message_updated": {
        if (!sendable(event.message)) return;
        const conversation = store.conversationById(event.message.conversationId);
        send(event.name, { ...messageWebhook(ctx, event.message), event: event.name }, conversation, event.message.id);
        return;
      }
      case "conversation_updated":
        send(
          event.name,
          { ...conversationWebhook(ctx, event.conversation), event: event.name, changed_attributes: event.changedAttributes },
          event.conversation,
          null,
        );
        return;
      case "conversation_status_changed":
        // Rails' `status_change` is already cleared in an after_commit callback: null, as captured payloads show.
        send(event.name, { ...conversationWebhook(ctx, event.conversation), event: event.name, changed_attributes: null }, event.conversation, null);
        return;
      case "conversation_opened":
      case "conversation_resolved":
        send(event.name, { ...conversationWebhook(ctx, event.conversation), event: event.name }, event.conversation, null);
        return;
      case "webwidget_triggered":
        send(event.name, widgetTriggeredPayload(ctx, event.contactInbox, event.eventInfo), null, null);
        return;
    }
  };
}
