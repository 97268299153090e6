import { validateContentAttributes } from "./content-attributes.js";
import { saveConversation } from "./conversation-save.js";
import type { Engine } from "./engine.js";
import type { Actor } from "./events.js";
import { type ContentType, type Conversation, type Message, type MessageType, type SenderRef, contentTypes } from "./model.js";

export type NewMessage = {
  content: string | null;
  messageType: MessageType;
  contentType?: string | null;
  contentAttributes?: Record<string, unknown>;
  private?: boolean;
  sender: SenderRef;
  sourceId?: string | null;
  additionalAttributes?: Record<string, unknown>;
};

/** A message Rails refuses to save; `message` is what the API answers (`e.message` of the exception). */
export class MessageRejected extends Error {
  override name = "MessageRejected";
}

const isContentType = (value: string): value is ContentType => (contentTypes as readonly string[]).includes(value);

/** Message validations (app/models/message.rb): enum, flood guard, content attributes, length. */
function validate(engine: Engine, c: Conversation, input: NewMessage): ContentType {
  const contentType = input.contentType ?? "text";
  // Assigning an unknown enum value raises ArgumentError before any validation runs.
  if (!isContentType(contentType)) throw new MessageRejected(`'${contentType}' is not a valid content_type`);
  const errors: string[] = [];
  // prevent_message_flooding: at most N messages per conversation in the last minute.
  const since = engine.time.clockMillis() * 1000 - 60_000_000;
  const recent = engine.store.messagesOf(c.id).filter((m) => m.createdAt >= since).length;
  if (recent >= engine.behaviour.messagesPerMinuteLimit) errors.push("Too many messages");
  errors.push(...validateContentAttributes(contentType, input.contentAttributes ?? {}));
  if ((input.content ?? "").length > 150_000) errors.push("Content is too long (maximum is 150000 characters)");
  if (errors.length > 0) throw new MessageRejected(`Validation failed: ${errors.join(", ")}`);
  return contentType;
}

/**
 * `conversation.messages.create!(...)`: validated, stored, then its commit callbacks
 * (Message#execute_after_create_commit_callbacks).
 */
export function createMessage(engine: Engine, c: Conversation, input: NewMessage, actor: Actor = null): Message {
  const message = insertMessage(engine, c, input);
  afterCreateCommit(engine, c, message, actor);
  return message;
}

/** Several messages in one transaction: all are stored before any commit callback runs. */
export function createMessages(engine: Engine, c: Conversation, inputs: NewMessage[]): Message[] {
  const messages = inputs.map((input) => insertMessage(engine, c, input));
  for (const m of messages) afterCreateCommit(engine, c, m, null);
  return messages;
}

function insertMessage(engine: Engine, c: Conversation, input: NewMessage): Message {
  const contentType = validate(engine, c, input);
  const now = engine.time.now();
  const message: Message = {
    id: engine.store.nextId("message"),
    conversationId: c.id,
    accountId: c.accountId,
    inboxId: c.inboxId,
    content: input.content,
    contentType,
    contentAttributes: input.contentAttributes ?? {},
    messageType: input.messageType,
    private: input.private ?? false,
    status: "sent",
    sourceId: input.sourceId ?? null,
    sender: input.sender,
    additionalAttributes: input.additionalAttributes ?? {},
    createdAt: now,
    updatedAt: now,
  };
  engine.store.messages.push(message);
  return message;
}

/** Reopen, activity timestamps, `message_created`, waiting time, then the inbox's templates. */
function afterCreateCommit(engine: Engine, c: Conversation, message: Message, actor: Actor): void {
  reopenConversation(engine, c, message);
  // set_conversation_activity: update_columns, so no event and no change record.
  c.lastActivityAt = message.createdAt;
  c.updatedAt = engine.time.now();
  engine.dispatch({ name: "message_created", message });
  if (!engine.profile.legacyShapes) updateWaitingSince(engine, c, message, actor);
  engine.afterMessage(c, message);
}

/** Message#reopen_conversation: a customer message reopens a snoozed or resolved conversation. */
function reopenConversation(engine: Engine, c: Conversation, m: Message): void {
  if (m.messageType !== "incoming") return;
  if (c.status === "snoozed") saveConversation(engine, c, { status: "open" }, null);
  if (c.status !== "resolved") return;
  // reopen_resolved_conversation (#5751): back to the bot when the inbox has one; v1.18 opened it.
  const toBot = engine.profile.reopenResolvedToPending && engine.store.activeInboxBot() !== undefined;
  saveConversation(engine, c, { status: toBot ? "pending" : "open" }, null);
}

const humanResponse = (m: Message) => m.messageType === "outgoing" && (m.sender?.type === "User" || m.contentAttributes.external_echo !== undefined);
const botResponse = (m: Message) => m.messageType === "outgoing" && m.sender?.type === "AgentBot";

/** Message#dispatch_create_events after the event: first reply, then `waiting_since` (each a `conversation.update`). */
function updateWaitingSince(engine: Engine, c: Conversation, m: Message, actor: Actor): void {
  if (validFirstReply(engine, c, m)) {
    saveConversation(engine, c, { firstReplyCreatedAt: m.createdAt, waitingSince: null }, actor);
    return;
  }
  if (c.waitingSince !== null && !m.private && (humanResponse(m) || botResponse(m))) {
    saveConversation(engine, c, { waitingSince: null }, actor);
    return;
  }
  if (m.messageType === "incoming" && c.waitingSince === null) saveConversation(engine, c, { waitingSince: m.createdAt }, actor);
}

/** Message#valid_first_reply?: the first public reply of a human. */
function validFirstReply(engine: Engine, c: Conversation, m: Message): boolean {
  if (!humanResponse(m) || m.private || c.firstReplyCreatedAt !== null) return false;
  const humanReplies = engine.store.messagesOf(c.id).filter((o) => humanResponse(o) && !o.private);
  return humanReplies.length <= 1;
}

/** Widget `submitted_values` (app/controllers/api/v1/widget/messages_controller.rb#update): `message.update!`. */
export function submitValues(engine: Engine, m: Message, values: Record<string, unknown>[]): void {
  m.contentAttributes = { ...m.contentAttributes, submitted_values: values };
  m.updatedAt = engine.time.now();
  engine.dispatch({ name: "message_updated", message: m });
}
