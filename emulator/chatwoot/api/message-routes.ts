import type { Engine } from "../engine.js";
import { MessageRejected, createMessage } from "../message-create.js";
import { type Message, type MessageType, type SenderRef, messageTypes } from "../model.js";
import { contactPush, userPush } from "../payloads/party-payloads.js";
import type { Principal } from "./auth.js";
import { answer } from "./errors.js";
import { findConversation } from "./conversation-routes.js";
import type { ApiRequest, RouteSpec } from "./router.js";
import { messageView } from "./views.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Messages::MessageBuilder#content_attributes: a hash, or a JSON string of one; anything else is `{}`. */
function contentAttributes(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function messageType(value: unknown, channel: string): MessageType {
  const type = typeof value === "string" && value !== "" ? value : "outgoing";
  if (type === "incoming" && channel !== "Channel::Api") throw new MessageRejected("Incoming messages are only allowed in Api inboxes");
  if (!(type in messageTypes)) throw new MessageRejected(`'${type}' is not a valid message_type`);
  return type as MessageType;
}

/** MessageBuilder#sender: outgoing messages are the caller's (or the AgentBot named by a user), incoming the contact's. */
function sender(engine: Engine, principal: Principal, type: MessageType, body: Record<string, unknown>, contactId: number): SenderRef {
  if (type !== "outgoing") return { type: "Contact", id: contactId };
  if (body.sender_type === "AgentBot") {
    const bot = engine.store.bot(Number(body.sender_id));
    if (bot) return { type: "AgentBot", id: bot.id };
  }
  return principal.kind === "bot" ? { type: "AgentBot", id: principal.bot.id } : { type: "User", id: principal.user.id };
}

function create(engine: Engine, r: ApiRequest) {
  const c = findConversation(engine, r, "conversationId");
  const type = messageType(r.body.message_type, engine.store.inbox.channelType);
  const message = createMessage(
    engine,
    c,
    {
      content: typeof r.body.content === "string" ? r.body.content : null,
      messageType: type,
      contentType: typeof r.body.content_type === "string" && r.body.content_type !== "" ? r.body.content_type : null,
      contentAttributes: contentAttributes(r.body.content_attributes),
      private: r.body.private === true || r.body.private === "true",
      sender: sender(engine, r.principal, type, r.body, c.contactId),
      sourceId: typeof r.body.source_id === "string" ? r.body.source_id : null,
    },
    r.actor,
  );
  const echoId = typeof r.body.echo_id === "string" || typeof r.body.echo_id === "number" ? String(r.body.echo_id) : undefined;
  return answer(200, messageView({ store: engine.store, profile: engine.profile }, message, c.displayId, echoId));
}

/** MessageFinder#perform: the latest 20, or 20 before / 100 after a message id. */
function find(messages: Message[], body: Record<string, unknown>): Message[] {
  const before = Number(body.before);
  const after = Number(body.after);
  if (body.after !== undefined && body.before !== undefined) return messages.filter((m) => m.id >= after && m.id < before).slice(0, 1000);
  if (body.before !== undefined) return messages.filter((m) => m.id < before).slice(-20);
  if (body.after !== undefined) return messages.filter((m) => m.id > after).slice(0, 100);
  return messages.slice(-20);
}

function index(engine: Engine, r: ApiRequest) {
  const ctx = { store: engine.store, profile: engine.profile };
  const c = findConversation(engine, r, "conversationId");
  const assignee = engine.store.user(c.assigneeId);
  const contact = engine.store.contactById(c.contactId);
  return answer(200, {
    meta: {
      labels: c.labels,
      additional_attributes: c.additionalAttributes,
      contact: contactPush(contact, false, ""),
      ...(assignee && { assignee: userPush(assignee, assignee.availability) }),
      agent_last_seen_at: null,
      assignee_last_seen_at: null,
    },
    payload: find(engine.store.messagesOf(c.id), r.body).map((m) => messageView(ctx, m, c.displayId)),
  });
}

/** Api::V1::Accounts::Conversations::MessagesController: create (any token rules) and index. */
export function messageRoutes(engine: Engine): RouteSpec[] {
  const path = "/conversations/:conversationId/messages";
  return [
    { method: "POST", path, controller: "conversations/messages", action: "create", handle: (r) => create(engine, r) },
    { method: "GET", path, controller: "conversations/messages", action: "index", handle: (r) => index(engine, r) },
  ];
}
