import type { Engine } from "./engine.js";
import { createMessage, createMessages } from "./message-create.js";
import type { Conversation, Message } from "./model.js";
import { outOfOffice } from "./working-hours.js";

/**
 * Chatwoot app/services/message_templates/hook_execution_service.rb: after any message of a
 * conversation that has a customer message, the inbox may post its out-of-office, greeting and
 * email-collect templates (`message_type: template`, no sender), even while a bot owns it.
 */
export function runTemplateHooks(engine: Engine, c: Conversation, m: Message): void {
  const all = engine.store.messagesOf(c.id);
  if (!all.some((o) => o.messageType === "incoming")) return;
  const { inbox } = engine.store;
  const template = (content: string, contentType = "text") => createMessage(engine, c, { content, messageType: "template", contentType, sender: null });
  if (shouldSendOutOfOffice(engine, c, m)) template(inbox.outOfOfficeMessage ?? "");
  if (firstMessageFromContact(engine, c) && inbox.greetingEnabled && inbox.greetingMessage) template(inbox.greetingMessage);
  if (inbox.enableEmailCollect && shouldCollectEmail(engine, c)) {
    // app/services/message_templates/template/email_collect.rb; config/locales/en.yml templates.
    createMessages(engine, c, [
      { content: "Give the team a way to reach you.", messageType: "template", sender: null },
      { content: "Get notified by email", messageType: "template", contentType: "input_email", sender: null },
    ]);
  }
}

/** should_send_out_of_office_message?: closed, no template today, no public reply in 5 minutes. */
function shouldSendOutOfOffice(engine: Engine, c: Conversation, m: Message): boolean {
  const { inbox } = engine.store;
  if (m.messageType !== "incoming" || !inbox.outOfOfficeMessage) return false;
  const nowUs = engine.time.clockMillis() * 1000;
  const messages = engine.store.messagesOf(c.id);
  if (messages.some((o) => o.messageType === "outgoing" && !o.private && o.createdAt > nowUs - 300_000_000)) return false;
  const today = new Date(engine.time.clockMillis()).toISOString().slice(0, 10);
  const templateToday = messages.some((o) => o.messageType === "template" && new Date(o.createdAt / 1000).toISOString().slice(0, 10) === today);
  return outOfOffice(inbox, engine.time.clockMillis()) && !templateToday;
}

/** first_message_from_contact?: nothing outgoing and no template yet. */
function firstMessageFromContact(engine: Engine, c: Conversation): boolean {
  return !engine.store.messagesOf(c.id).some((o) => o.messageType === "outgoing" || o.messageType === "template");
}

/** should_send_email_collect?: web widget, a contact without email, not asked before. */
function shouldCollectEmail(engine: Engine, c: Conversation): boolean {
  if (engine.store.inbox.channelType !== "Channel::WebWidget") return false;
  if (engine.store.contactById(c.contactId).email) return false;
  return !engine.store.messagesOf(c.id).some((o) => o.contentType === "input_email");
}
