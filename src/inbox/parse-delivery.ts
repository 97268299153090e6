import { createHash } from "node:crypto";
import { plainText } from "./plain-text.js";
import { type ConversationSnapshot, anyEventSchema, conversationEventSchema, messageEventSchema, pushedMessage } from "./webhook-payload.js";

export type InboxStatus = "pending" | "open" | "resolved" | "snoozed";

/** The conversation as the inbox showed it when the event happened (not when it was delivered). */
export type Snapshot = {
  conversationId: number;
  accountId: number | null;
  inboxId: number | null;
  status: InboxStatus | null;
  /**
   * When the snapshot was taken, in Unix seconds: the conversation's `updated_at` (microseconds), or
   * on 2021 inboxes, which send none, its `timestamp` (last activity, whole seconds).
   */
  updatedAt: number | null;
  /** `updatedAt` is the precise `updated_at`, which moves on every change (not only on messages). */
  precise: boolean;
  channel: string | null;
  contactName: string | null;
  teamId: number | null;
  /** `User`, `AgentBot` or null: who the conversation is assigned to. */
  assigneeType: string | null;
  assigneeId: number | null;
};

export type TurnInput = {
  messageId: number;
  text: string;
  /** A quick-reply value (web widget `submitted_values`) or a postback payload. */
  payload: string | null;
  /** Instagram story mention / reply and similar attachment-borne signals. */
  attachmentTypes: string[];
  contentAttributes: Record<string, unknown>;
  /** The conversation's custom attributes when the message was written (absent in 2021 payloads). */
  conversationAttributes?: Record<string, unknown> | null;
};

/** What `changed_attributes` says changed; a key is present only when it changed. */
export type ConversationChanges = {
  teamId?: number | null;
  assigneeId?: number | null;
  assigneeBotId?: number | null;
};

export type ParsedDelivery =
  /** The customer said something (a public incoming message, or a widget choice): maybe a turn. */
  | { kind: "turn"; event: string; snapshot: Snapshot; turn: TurnInput; dedupeKey: string }
  | {
      kind: "record";
      reason: RecordReason;
      event: string;
      snapshot: Snapshot;
      messageId: number;
      content: string | null;
      senderId: number | null;
      dedupeKey: string;
    }
  /**
   * A conversation event; `statusChange` says whether the status itself changed in it, `changes`
   * what else that matters changed (null: the event does not say).
   */
  | { kind: "status"; event: string; snapshot: Snapshot; statusChange: boolean; changes: ConversationChanges | null; dedupeKey: string }
  | { kind: "ignored"; reason: string; event: string; dedupeKey: string | null; conversationId: number | null };

/**
 * `echo`: an agent bot's public message (ours, or another bot's); `agent_message`: a human's public
 * reply; `system`: an outgoing message with no human sender (automation, assistants).
 */
export type RecordReason = "echo" | "private_note" | "agent_message" | "template" | "system";

const messageTypeByNumber: Record<number, string> = { 0: "incoming", 1: "outgoing", 2: "activity", 3: "template" };

// Events whose very meaning is a status change (their `changed_attributes` is null in practice).
const statusEvents = new Set(["conversation_status_changed", "conversation_opened", "conversation_resolved"]);

function normaliseStatus(status: string | null | undefined): InboxStatus | null {
  if (status === "bot") return "pending"; // the 2021 name of `pending`
  if (status === "pending" || status === "open" || status === "resolved" || status === "snoozed") return status;
  return null;
}

function snapshotOf(c: ConversationSnapshot, accountId: number | null, inboxId: number | null): Snapshot {
  return {
    conversationId: c.id,
    accountId: accountId ?? c.account?.id ?? null,
    inboxId: inboxId ?? c.inbox_id ?? null,
    status: normaliseStatus(c.status),
    updatedAt: c.updated_at ?? c.timestamp ?? null,
    precise: c.updated_at !== null && c.updated_at !== undefined,
    channel: c.channel ?? null,
    contactName: c.meta?.sender?.name ?? null,
    teamId: c.meta?.team?.id ?? null,
    assigneeType: c.meta?.assignee_type ?? null,
    assigneeId: c.meta?.assignee?.id ?? null,
  };
}

const shortHash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

/**
 * Says what a delivery is (docs/decisions/0010): a customer's words, a message from someone else
 * (our own echo, a note, an agent's reply, a template), or a conversation event. It does not decide
 * who owns the conversation: a snapshot is only as true as the moment it was taken, so ownership
 * is decided later, against the conversation's state (services/conversations/ownership.ts).
 */
export function parseDelivery(body: unknown): ParsedDelivery {
  const base = anyEventSchema.safeParse(body);
  if (!base.success) return { kind: "ignored", reason: "no event name", event: "unknown", dedupeKey: null, conversationId: null };
  const event = base.data.event;
  if (event === "message_created" || event === "message_updated") return parseMessage(body, event);
  if (event.startsWith("conversation_")) return parseConversation(body, event);
  return { kind: "ignored", reason: `event ${event} needs no action`, event, dedupeKey: null, conversationId: null };
}

function parseMessage(body: unknown, event: string): ParsedDelivery {
  const parsed = messageEventSchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "ignored", reason: `unreadable ${event}: ${parsed.error.issues[0]?.message ?? ""}`, event, dedupeKey: null, conversationId: null };
  }
  const m = parsed.data;
  const accountId = m.account?.id ?? null;
  const snapshot = snapshotOf(m.conversation, accountId, m.inbox?.id ?? null);
  const messageType = typeof m.message_type === "number" ? (messageTypeByNumber[m.message_type] ?? "unknown") : m.message_type;
  const attrs = m.content_attributes ?? {};
  const keyBase = `${String(accountId ?? 0)}:${event}:${String(m.id)}`;

  if (event === "message_updated") {
    const submitted = attrs.submitted_values?.[0];
    const key = `${keyBase}:${shortHash(attrs.submitted_values ?? null)}`;
    if (!submitted || !["input_select", "form"].includes(m.content_type ?? "")) {
      return { kind: "ignored", reason: "message update without a submitted choice", event, dedupeKey: key, conversationId: snapshot.conversationId };
    }
    const value = typeof submitted.value === "string" ? submitted.value : JSON.stringify(submitted.value);
    return {
      kind: "turn",
      event,
      snapshot,
      dedupeKey: key,
      turn: {
        messageId: m.id,
        text: submitted.title ?? value,
        payload: value,
        attachmentTypes: [],
        contentAttributes: attrs,
        conversationAttributes: m.conversation.custom_attributes ?? null,
      },
    };
  }

  const record = (reason: RecordReason): ParsedDelivery => ({
    kind: "record",
    reason,
    event,
    snapshot,
    messageId: m.id,
    content: m.content ?? null,
    senderId: m.sender?.id ?? null,
    dedupeKey: keyBase,
  });

  if (m.private) return record("private_note");
  if (messageType === "template") return record("template");
  if (messageType === "outgoing") {
    const senderType = m.sender?.type ?? null;
    if (senderType === "agent_bot") return record("echo");
    return record(senderType === "user" ? "agent_message" : "system");
  }
  if (messageType !== "incoming")
    return { kind: "ignored", reason: `${messageType} message`, event, dedupeKey: keyBase, conversationId: snapshot.conversationId };

  const attachmentTypes = (m.attachments ?? []).map((a) => a.file_type ?? "file");
  if (attrs.image_type === "story_mention" && !attachmentTypes.includes("story_mention")) attachmentTypes.push("story_mention");
  if (attrs.story_id !== undefined && attrs.story_id !== null) attachmentTypes.push("story_reply");
  return {
    kind: "turn",
    event,
    snapshot,
    dedupeKey: keyBase,
    turn: {
      messageId: m.id,
      text: typedText(m.id, m.content ?? "", m.conversation.messages),
      payload: null,
      attachmentTypes,
      contentAttributes: attrs,
      conversationAttributes: m.conversation.custom_attributes ?? null,
    },
  };
}

/** The raw text of the message from `conversation.messages[]`, else its content read as plain text. */
function typedText(messageId: number, content: string, pushed: unknown[] | null | undefined): string {
  for (const item of pushed ?? []) {
    const entry = pushedMessage.safeParse(item);
    if (entry.success && entry.data.id === messageId && typeof entry.data.content === "string") return entry.data.content.trim();
  }
  return plainText(content).trim();
}

function parseConversation(body: unknown, event: string): ParsedDelivery {
  const parsed = conversationEventSchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "ignored", reason: `unreadable ${event}: ${parsed.error.issues[0]?.message ?? ""}`, event, dedupeKey: null, conversationId: null };
  }
  const c = parsed.data;
  const snapshot = snapshotOf(c, c.account?.id ?? null, c.inbox_id ?? null);
  const version = c.updated_at ?? c.timestamp ?? shortHash({ ...c, event: null, changed_attributes: null });
  const changed = c.changed_attributes ? readChanges(c.changed_attributes) : null;
  const isStatusEvent = statusEvents.has(event);
  // One status change arrives as conversation_status_changed and as conversation_opened/resolved
  // with the same snapshot: one key for all three stores it once.
  const name = isStatusEvent ? "status" : event;
  return {
    kind: "status",
    event,
    snapshot,
    statusChange: isStatusEvent || (changed?.status ?? false),
    changes: changed?.changes ?? null,
    dedupeKey: `${String(snapshot.accountId ?? 0)}:${name}:${String(c.id)}:${String(version)}:${String(c.status)}`,
  };
}

/**
 * Does the delivery need processing, or is storing it all there is to do? Our own echoes, notes,
 * templates and system messages say nothing about ownership (the send guard reads them where they
 * are stored), and most `conversation_updated` events only move `waiting_since` or `updated_at`.
 */
export function needsProcessing(c: Exclude<ParsedDelivery, { kind: "ignored" }>): boolean {
  if (c.kind === "turn") return true;
  if (c.kind === "record") return c.reason === "agent_message";
  return c.statusChange || c.changes === null || Object.keys(c.changes).length > 0;
}

const changeKeys = { team_id: "teamId", assignee_id: "assigneeId", assignee_agent_bot_id: "assigneeBotId" } as const;

/** `changed_attributes` is `[{ "<attr>": { previous_value, current_value } }, …]`. */
function readChanges(list: Record<string, unknown>[]): { status: boolean; changes: ConversationChanges } {
  const changes: ConversationChanges = {};
  let status = false;
  for (const entry of list) {
    for (const [attr, change] of Object.entries(entry)) {
      if (attr === "status") status = true;
      const key = (changeKeys as Record<string, keyof ConversationChanges | undefined>)[attr];
      if (!key) continue;
      const current = change !== null && typeof change === "object" ? (change as { current_value?: unknown }).current_value : undefined;
      changes[key] = typeof current === "number" && Number.isInteger(current) ? current : null;
    }
  }
  return { status, changes };
}

/** The message id and text a delivery carries, for the stored event (null for status events). */
export function recordedMessage(c: Exclude<ParsedDelivery, { kind: "ignored" }>): { messageId: number | null; content: string | null } {
  if (c.kind === "turn") return { messageId: c.turn.messageId, content: c.turn.text };
  if (c.kind === "record") return { messageId: c.messageId, content: c.content };
  return { messageId: null, content: null };
}
