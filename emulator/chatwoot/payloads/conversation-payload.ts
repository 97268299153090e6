import { floatTime, isoTime, unixTime } from "../db-time.js";
import type { Conversation } from "../model.js";
import { wireStatus } from "../profiles.js";
import type { Store } from "../store.js";
import type { PayloadContext } from "./message-payload.js";
import { messagePush } from "./message-payload.js";
import { type Json, type JsonObject, accountWebhook, botPush, contactPush, teamPush, userPush } from "./party-payloads.js";

/** `unread_incoming_messages.count`: incoming messages since the agent last looked, at most 10. */
export function unreadCount(store: Store, c: Conversation): number {
  const since = c.agentLastSeenAt ?? -1;
  return Math.min(10, store.messagesOf(c.id).filter((m) => m.messageType === "incoming" && m.createdAt > since).length);
}

/** The `contact_inbox` row as Rails serialises a model (every column; v1.18 had no pubsub_token). */
function contactInboxJson(store: Store, c: Conversation, legacy: boolean): JsonObject {
  const ci = store.contactInboxById(c.contactInboxId);
  const row: JsonObject = {
    id: ci.id,
    contact_id: ci.contactId,
    inbox_id: ci.inboxId,
    source_id: ci.sourceId,
    created_at: isoTime(ci.createdAt),
    updated_at: isoTime(ci.updatedAt),
    hmac_verified: ci.hmacVerified,
  };
  if (!legacy) row.pubsub_token = ci.pubsubToken;
  return row;
}

/** `[messages.chat.last&.push_event_data]`: the latest public, non-activity message. */
function lastChatMessage(ctx: PayloadContext, c: Conversation): Json[] {
  const chat = ctx.store.messagesOf(c.id).filter((m) => m.messageType !== "activity" && !m.private);
  const last = chat.at(-1);
  return last ? [messagePush(ctx, last, c)] : [];
}

/** `assigned_entity&.push_event_data`: the assignee bot first, else the user (availability unknown here). */
function assigneePush(store: Store, c: Conversation): Json {
  const bot = store.bot(c.assigneeAgentBotId);
  if (bot) return botPush(bot);
  const user = store.user(c.assigneeId);
  return user ? userPush(user, null) : null;
}

/** Conversation#assignee_type (virtual attribute, 4.8.0+). */
export function assigneeType(c: Conversation): "AgentBot" | "User" | null {
  if (c.assigneeAgentBotId !== null) return "AgentBot";
  return c.assigneeId !== null ? "User" : null;
}

function meta(store: Store, c: Conversation, legacy: boolean): JsonObject {
  const contact = store.contactById(c.contactId);
  const pubsub = store.contactInboxById(c.contactInboxId).pubsubToken;
  if (legacy) {
    const user = store.user(c.assigneeId);
    return { sender: contactPush(contact, true, pubsub), assignee: user ? userPush(user, null) : null };
  }
  const team = store.team(c.teamId);
  return {
    sender: contactPush(contact, false, pubsub),
    assignee: assigneePush(store, c),
    assignee_type: assigneeType(c),
    team: team ? teamPush(team) : null,
    hmac_verified: store.contactInboxById(c.contactInboxId).hmacVerified,
  };
}

const optionalIso = (us: number | null): Json => (us === null ? null : isoTime(us));

/**
 * Chatwoot app/presenters/conversations/event_data_presenter.rb#webhook_data (4.13+: with
 * `account`); v1.18's #push_data for the legacy profile. `id` is the display id.
 */
export function conversationWebhook(ctx: PayloadContext, c: Conversation): JsonObject {
  const { store, profile } = ctx;
  const status = wireStatus(profile, c.status);
  const head = { additional_attributes: c.additionalAttributes as JsonObject, can_reply: true, channel: store.inbox.channelType };
  if (profile.legacyShapes) {
    return {
      ...head,
      id: c.displayId,
      inbox_id: c.inboxId,
      contact_inbox: contactInboxJson(store, c, true),
      messages: lastChatMessage(ctx, c),
      meta: meta(store, c, true),
      status,
      unread_count: unreadCount(store, c),
      agent_last_seen_at: unixTime(c.agentLastSeenAt),
      contact_last_seen_at: unixTime(c.contactLastSeenAt),
      timestamp: unixTime(c.lastActivityAt),
    };
  }
  const data: JsonObject = {
    ...head,
    contact_inbox: contactInboxJson(store, c, false),
    id: c.displayId,
    inbox_id: c.inboxId,
    messages: lastChatMessage(ctx, c),
    labels: [...c.labels],
    meta: meta(store, c, false),
    status,
    custom_attributes: c.customAttributes as JsonObject,
    snoozed_until: optionalIso(c.snoozedUntil),
    unread_count: unreadCount(store, c),
    first_reply_created_at: optionalIso(c.firstReplyCreatedAt),
    priority: c.priority,
    waiting_since: unixTime(c.waitingSince),
    agent_last_seen_at: unixTime(c.agentLastSeenAt),
    contact_last_seen_at: unixTime(c.contactLastSeenAt),
    last_activity_at: unixTime(c.lastActivityAt),
    timestamp: unixTime(c.lastActivityAt),
    created_at: unixTime(c.createdAt),
    updated_at: floatTime(c.updatedAt),
  };
  if (profile.conversationAccount) data.account = accountWebhook(store.account);
  return data;
}
