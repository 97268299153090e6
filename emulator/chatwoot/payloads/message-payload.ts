import { isoTime, unixTime } from "../db-time.js";
import { type Conversation, type Message, messageTypes } from "../model.js";
import type { VersionProfile } from "../profiles.js";
import type { Store } from "../store.js";
import { pushContent, webhookContent } from "../webhook-content.js";
import { conversationWebhook, unreadCount } from "./conversation-payload.js";
import { type Json, type JsonObject, accountWebhook, inboxWebhook, senderPush, senderWebhook } from "./party-payloads.js";

export type PayloadContext = { store: Store; profile: VersionProfile };

const obj = (value: Record<string, unknown>): JsonObject => value as JsonObject;

/**
 * Chatwoot app/models/message.rb#push_event_data (and #webhook_push_event_data on 4.13+): every
 * column in table order, `message_type` as an integer, `created_at` in seconds.
 */
export function messagePush(ctx: PayloadContext, m: Message, conversation: Conversation): JsonObject {
  const { store, profile } = ctx;
  const legacy = profile.legacyShapes;
  const content = pushContent(profile, m.content);
  const data: JsonObject = {
    id: m.id,
    content,
    account_id: m.accountId,
    inbox_id: m.inboxId,
    conversation_id: conversation.displayId,
    message_type: messageTypes[m.messageType],
    created_at: unixTime(m.createdAt),
    updated_at: isoTime(m.updatedAt),
    private: m.private,
    status: m.status,
    source_id: m.sourceId,
    content_type: m.contentType,
    content_attributes: obj(m.contentAttributes),
    sender_type: m.sender?.type ?? null,
    sender_id: m.sender?.id ?? null,
    external_source_ids: {},
  };
  if (!legacy) {
    data.additional_attributes = obj(m.additionalAttributes);
    data.processed_message_content = content;
    data.sentiment = {};
    data.conversation = {
      assignee_id: conversation.assigneeId,
      unread_count: unreadCount(store, conversation),
      last_activity_at: unixTime(conversation.lastActivityAt),
      contact_inbox: { source_id: store.contactInboxById(conversation.contactInboxId).sourceId },
    };
  }
  const sender = senderPush(store, m.sender, legacy);
  if (sender !== undefined) data.sender = sender;
  return data;
}

/**
 * Chatwoot app/models/message.rb#webhook_data, built when the event happens: the conversation in
 * it is the conversation at that moment. v1.18 has its own key order and no additional_attributes.
 */
export function messageWebhook(ctx: PayloadContext, m: Message): JsonObject {
  const { store, profile } = ctx;
  const conversation = store.conversationById(m.conversationId);
  const content = webhookContent(profile, store.inbox.channelType, m.content);
  const sender: Json = senderWebhook(store, m.sender, profile.legacyShapes);
  if (profile.legacyShapes) {
    return {
      id: m.id,
      content,
      created_at: isoTime(m.createdAt),
      message_type: m.messageType,
      content_type: m.contentType,
      private: m.private,
      content_attributes: obj(m.contentAttributes),
      source_id: m.sourceId,
      sender,
      inbox: inboxWebhook(store.inbox),
      conversation: conversationWebhook(ctx, conversation),
      account: accountWebhook(store.account),
    };
  }
  return {
    account: accountWebhook(store.account),
    additional_attributes: obj(m.additionalAttributes),
    content_attributes: obj(m.contentAttributes),
    content_type: m.contentType,
    content,
    conversation: conversationWebhook(ctx, conversation),
    created_at: isoTime(m.createdAt),
    id: m.id,
    inbox: inboxWebhook(store.inbox),
    message_type: m.messageType,
    private: m.private,
    sender,
    source_id: m.sourceId,
  };
}
