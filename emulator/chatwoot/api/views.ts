import { floatTime, isoTime, unixTime } from "../db-time.js";
import type { AgentBot, Conversation, Inbox, Message, Team, User } from "../model.js";
import { messageTypes } from "../model.js";
import { unreadCount } from "../payloads/conversation-payload.js";
import { messagePush } from "../payloads/message-payload.js";
import type { PayloadContext } from "../payloads/message-payload.js";
import { type JsonObject, senderPush } from "../payloads/party-payloads.js";
import { wireStatus } from "../profiles.js";
import { weeklySchedule } from "../working-hours.js";

// The REST answers, after the jbuilder views of app/views/api/v1/.

/** models/_message.json.jbuilder (echo_id only in the create answer). */
export function messageView(ctx: PayloadContext, m: Message, displayId: number, echoId?: string): JsonObject {
  const view: JsonObject = { id: m.id, content: m.content, inbox_id: m.inboxId };
  if (echoId) view.echo_id = echoId;
  Object.assign(view, {
    conversation_id: displayId,
    message_type: messageTypes[m.messageType],
    content_type: m.contentType,
    status: m.status,
    content_attributes: m.contentAttributes as JsonObject,
    created_at: unixTime(m.createdAt),
    private: m.private,
    source_id: m.sourceId,
  });
  const sender = senderPush(ctx.store, m.sender, false);
  if (sender !== undefined) view.sender = sender;
  return view;
}

/** models/_agent.json.jbuilder. */
export function agentView(u: User, accountId: number): JsonObject {
  return {
    id: u.id,
    account_id: accountId,
    availability_status: u.availability,
    auto_offline: u.autoOffline,
    confirmed: true,
    email: u.email,
    provider: "email",
    available_name: u.name,
    name: u.name,
    role: u.role,
    thumbnail: "",
  };
}

/** The team's own columns, in the order both views below start with. */
const teamColumns = (t: Team, accountId: number): JsonObject => ({
  id: t.id,
  name: t.name,
  description: t.description,
  allow_auto_assign: t.allowAutoAssign,
  account_id: accountId,
});

/** models/_team.json.jbuilder; `is_member` is about the caller. */
export function teamView(t: Team, accountId: number, callerId: number | null): JsonObject {
  return { ...teamColumns(t, accountId), is_member: callerId !== null && t.memberIds.includes(callerId) };
}

/** `render json: @team` in AssignmentsController#set_team: the model's columns. */
export function teamRecord(t: Team, accountId: number, createdAt: string): JsonObject {
  return { ...teamColumns(t, accountId), created_at: createdAt, updated_at: createdAt };
}

/** models/_agent_bot_slim.json.jbuilder. */
export function agentBotSlimView(b: AgentBot): JsonObject {
  return { id: b.id, name: b.name, description: b.description, thumbnail: "", outgoing_url: b.outgoingUrl, bot_type: "webhook" };
}

/** models/_inbox.json.jbuilder: the settings a bot reads (working hours, auto-assignment, templates). */
export function inboxView(i: Inbox): JsonObject {
  return {
    id: i.id,
    avatar_url: "",
    channel_id: i.channelId,
    name: i.name,
    channel_type: i.channelType,
    greeting_enabled: i.greetingEnabled,
    greeting_message: i.greetingMessage,
    working_hours_enabled: i.workingHoursEnabled,
    enable_email_collect: i.enableEmailCollect,
    csat_survey_enabled: false,
    csat_config: {},
    enable_auto_assignment: i.enableAutoAssignment,
    auto_assignment_config: {},
    out_of_office_message: i.outOfOfficeMessage,
    working_hours: weeklySchedule(i),
    timezone: i.timezone,
    callback_webhook_url: null,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: i.lockToSingleConversation,
    sender_name_type: "friendly",
    business_name: null,
  };
}

/** conversations/toggle_status.json.jbuilder (v1.18: no snoozed_until, other key order). */
export function toggleStatusView(ctx: PayloadContext, c: Conversation, success: boolean | null): JsonObject {
  const status = wireStatus(ctx.profile, c.status);
  if (ctx.profile.legacyShapes) return { meta: {}, payload: { success, current_status: status, conversation_id: c.displayId } };
  return {
    meta: {},
    payload: { success, conversation_id: c.displayId, current_status: status, snoozed_until: c.snoozedUntil === null ? null : isoTime(c.snoozedUntil) },
  };
}

function assigneeMeta(ctx: PayloadContext, c: Conversation): JsonObject {
  const bot = ctx.store.bot(c.assigneeAgentBotId);
  if (bot) return { assignee: agentBotSlimView(bot), assignee_type: "AgentBot" };
  const user = ctx.store.user(c.assigneeId);
  return user ? { assignee: agentView(user, ctx.store.account.id), assignee_type: "User" } : {};
}

/** conversations/partials/_conversation.json.jbuilder (GET conversations/{id}). */
export function conversationView(ctx: PayloadContext, c: Conversation): JsonObject {
  const { store } = ctx;
  const contact = store.contactById(c.contactId);
  const team = store.team(c.teamId);
  const all = store.messagesOf(c.id);
  const last = all.at(-1);
  const lastNonActivity = all.filter((m) => m.messageType !== "activity").at(-1);
  return {
    meta: {
      sender: {
        additional_attributes: contact.additionalAttributes as JsonObject,
        availability_status: "offline",
        email: contact.email,
        id: contact.id,
        name: contact.name,
        phone_number: contact.phoneNumber,
        blocked: contact.blocked,
        identifier: contact.identifier,
        thumbnail: "",
        custom_attributes: contact.customAttributes as JsonObject,
      },
      channel: store.inbox.channelType,
      ...assigneeMeta(ctx, c),
      ...(team && { team: teamView(team, store.account.id, null) }),
      hmac_verified: false,
    },
    id: c.displayId,
    messages: last ? [messagePush(ctx, last, c)] : [],
    account_id: c.accountId,
    uuid: c.uuid,
    additional_attributes: c.additionalAttributes as JsonObject,
    agent_last_seen_at: unixTime(c.agentLastSeenAt),
    assignee_last_seen_at: 0,
    can_reply: true,
    contact_last_seen_at: unixTime(c.contactLastSeenAt),
    custom_attributes: c.customAttributes as JsonObject,
    inbox_id: c.inboxId,
    labels: [...c.labels],
    muted: false,
    snoozed_until: c.snoozedUntil === null ? null : isoTime(c.snoozedUntil),
    status: wireStatus(ctx.profile, c.status),
    created_at: unixTime(c.createdAt),
    updated_at: floatTime(c.updatedAt),
    timestamp: unixTime(c.lastActivityAt),
    first_reply_created_at: unixTime(c.firstReplyCreatedAt),
    unread_count: unreadCount(store, c),
    last_non_activity_message: lastNonActivity ? messagePush(ctx, lastNonActivity, c) : null,
    last_activity_at: unixTime(c.lastActivityAt),
    priority: c.priority,
    waiting_since: unixTime(c.waitingSince),
    sla_policy_id: null,
  };
}
