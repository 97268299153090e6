import { createHash } from "node:crypto";
import {
  type ConversationSnapshot,
  anyEventSchema,
  conversationEventSchema,
  messageEventSchema,
} from "./webhook-payload.js";

export type InboxStatus = "pending" | "open" | "resolved" | "snoozed";

export type Snapshot = {
  conversationId: number;
  accountId: number | null;
  inboxId: number | null;
  status: InboxStatus | null;
  updatedAt: number | null;
  channel: string | null;
  contactName: string | null;
  teamId: number | null;
  assigneeType: string | null;
};

export type TurnInput = {
  messageId: number;
  text: string;
  /** A quick-reply value (web widget `submitted_values`) or a postback payload. */
  payload: string | null;
  /** Instagram story mention / reply and similar attachment-borne signals. */
  attachmentTypes: string[];
  contentAttributes: Record<string, unknown>;
};

export type Classified =
  | { kind: "turn"; event: string; snapshot: Snapshot; turn: TurnInput; dedupeKey: string }
  | { kind: "record"; reason: RecordReason; event: string; snapshot: Snapshot; messageId: number; content: string | null; dedupeKey: string }
  | { kind: "status"; event: string; snapshot: Snapshot; changed: Record<string, unknown>[]; dedupeKey: string }
  | { kind: "ignored"; reason: string; event: string; dedupeKey: string | null; conversationId: number | null };

export type RecordReason = "echo" | "private_note" | "agent_message" | "template" | "human_owned" | "closed";

const messageTypeByNumber: Record<number, string> = { 0: "incoming", 1: "outgoing", 2: "activity", 3: "template" };

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
    updatedAt: c.updated_at ?? null,
    channel: c.channel ?? null,
    contactName: c.meta?.sender?.name ?? null,
    teamId: c.meta?.team?.id ?? null,
    assigneeType: c.meta?.assignee_type ?? null,
  };
}

const shortHash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

/**
 * Decides what a delivery means (PROTOCOL §4.10): only an incoming, public customer message in a
 * bot-owned conversation, or a quick-reply choice, is a turn to route; the rest is recorded or ignored.
 */
export function classifyDelivery(body: unknown): Classified {
  const base = anyEventSchema.safeParse(body);
  if (!base.success) return { kind: "ignored", reason: "no event name", event: "unknown", dedupeKey: null, conversationId: null };
  const event = base.data.event;
  if (event === "message_created" || event === "message_updated") return classifyMessage(body, event);
  if (event.startsWith("conversation_")) return classifyConversation(body, event);
  return { kind: "ignored", reason: `event ${event} needs no action`, event, dedupeKey: null, conversationId: null };
}

function classifyMessage(body: unknown, event: string): Classified {
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
  const botOwned = snapshot.status === "pending";

  if (event === "message_updated") {
    const submitted = attrs.submitted_values?.[0];
    const key = `${keyBase}:${shortHash(attrs.submitted_values ?? null)}`;
    if (!submitted || !["input_select", "form"].includes(m.content_type ?? "")) {
      return { kind: "ignored", reason: "message update without a submitted choice", event, dedupeKey: key, conversationId: snapshot.conversationId };
    }
    if (!botOwned) return record("human_owned");
    const value = typeof submitted.value === "string" ? submitted.value : JSON.stringify(submitted.value);
    return {
      kind: "turn",
      event,
      snapshot,
      dedupeKey: key,
      turn: { messageId: m.id, text: submitted.title ?? value, payload: value, attachmentTypes: [], contentAttributes: attrs },
    };
  }

  function record(reason: RecordReason): Classified {
    return { kind: "record", reason, event, snapshot, messageId: m.id, content: m.content ?? null, dedupeKey: keyBase };
  }

  if (m.private) return record("private_note");
  if (messageType === "outgoing") return record(m.sender?.type === "agent_bot" ? "echo" : "agent_message");
  if (messageType === "template") return record("template");
  if (messageType !== "incoming") return { kind: "ignored", reason: `${messageType} message`, event, dedupeKey: keyBase, conversationId: snapshot.conversationId };
  if (snapshot.status === "open" || snapshot.status === "snoozed") return record("human_owned");
  if (snapshot.status === "resolved") return record("closed");

  const attachmentTypes = (m.attachments ?? []).map((a) => a.file_type ?? "file");
  if (attrs.image_type === "story_mention" && !attachmentTypes.includes("story_mention")) attachmentTypes.push("story_mention");
  if (attrs.story_id !== undefined && attrs.story_id !== null) attachmentTypes.push("story_reply");
  return {
    kind: "turn",
    event,
    snapshot,
    dedupeKey: keyBase,
    turn: { messageId: m.id, text: (m.content ?? "").trim(), payload: null, attachmentTypes, contentAttributes: attrs },
  };
}

function classifyConversation(body: unknown, event: string): Classified {
  const parsed = conversationEventSchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "ignored", reason: `unreadable ${event}: ${parsed.error.issues[0]?.message ?? ""}`, event, dedupeKey: null, conversationId: null };
  }
  const c = parsed.data;
  const snapshot = snapshotOf(c, c.account?.id ?? null, c.inbox_id ?? null);
  const version = c.updated_at ?? c.timestamp ?? shortHash(body);
  return {
    kind: "status",
    event,
    snapshot,
    changed: c.changed_attributes ?? [],
    dedupeKey: `${String(snapshot.accountId ?? 0)}:${event}:${String(c.id)}:${String(version)}:${String(c.status)}`,
  };
}

/** The message id and text a delivery carries, for the stored event (null for status events). */
export function recordedMessage(c: Exclude<Classified, { kind: "ignored" }>): { messageId: number | null; content: string | null } {
  if (c.kind === "turn") return { messageId: c.turn.messageId, content: c.turn.text };
  if (c.kind === "record") return { messageId: c.messageId, content: c.content };
  return { messageId: null, content: null };
}
