import type { Micros } from "./db-time.js";

// The rows the emulator keeps, named and shaped after Chatwoot's tables (db/schema.rb).

export type ChannelType = "Channel::Whatsapp" | "Channel::WebWidget" | "Channel::Instagram" | "Channel::FacebookPage" | "Channel::Api";
export type ConversationStatus = "open" | "resolved" | "pending" | "snoozed";
export type Availability = "online" | "busy" | "offline";
export type Role = "agent" | "administrator";
export type Priority = "low" | "medium" | "high" | "urgent";

/** Chatwoot app/models/message.rb `enum message_type`. */
export const messageTypes = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
export type MessageType = keyof typeof messageTypes;

/** Chatwoot app/models/message.rb `enum content_type`. */
export const contentTypes = [
  "text",
  "input_text",
  "input_textarea",
  "input_email",
  "input_select",
  "cards",
  "form",
  "article",
  "incoming_email",
  "input_csat",
  "integrations",
  "sticker",
  "voice_call",
] as const;
export type ContentType = (typeof contentTypes)[number];

export type Account = { id: number; name: string; keepPendingOnBotFailure: boolean };

export type AgentBot = {
  id: number;
  name: string;
  description: string;
  outgoingUrl: string | null;
  accessToken: string;
  /** Signs deliveries (app/models/concerns/webhook_secretable.rb); not the access token. */
  secret: string | null;
  accountId: number;
};

export type User = {
  id: number;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  autoOffline: boolean;
  accessToken: string;
};

export type Team = { id: number; name: string; description: string; allowAutoAssign: boolean; memberIds: number[] };

/** One row per weekday (app/models/working_hour.rb); 0 = Sunday. */
export type WorkingHour = {
  dayOfWeek: number;
  closedAllDay: boolean;
  openAllDay: boolean;
  openHour: number | null;
  openMinutes: number | null;
  closeHour: number | null;
  closeMinutes: number | null;
};

export type Inbox = {
  id: number;
  name: string;
  channelType: ChannelType;
  channelId: number;
  agentBotId: number | null;
  /** AgentBotInbox#status: active (0) or inactive (1). */
  agentBotActive: boolean;
  memberIds: number[];
  enableAutoAssignment: boolean;
  greetingEnabled: boolean;
  greetingMessage: string | null;
  workingHoursEnabled: boolean;
  outOfOfficeMessage: string | null;
  timezone: string;
  workingHours: WorkingHour[];
  lockToSingleConversation: boolean;
  /** Inbox#enable_email_collect (default true; only the web widget asks for an email). */
  enableEmailCollect: boolean;
};

export type Contact = {
  id: number;
  name: string;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  blocked: boolean;
  additionalAttributes: Record<string, unknown>;
  customAttributes: Record<string, unknown>;
};

export type ContactInbox = {
  id: number;
  contactId: number;
  inboxId: number;
  sourceId: string;
  hmacVerified: boolean;
  pubsubToken: string;
  createdAt: Micros;
  updatedAt: Micros;
};

export type Conversation = {
  id: number;
  displayId: number;
  uuid: string;
  accountId: number;
  inboxId: number;
  contactId: number;
  contactInboxId: number;
  status: ConversationStatus;
  assigneeId: number | null;
  assigneeAgentBotId: number | null;
  teamId: number | null;
  priority: Priority | null;
  labels: string[];
  customAttributes: Record<string, unknown>;
  additionalAttributes: Record<string, unknown>;
  snoozedUntil: Micros | null;
  waitingSince: Micros | null;
  firstReplyCreatedAt: Micros | null;
  agentLastSeenAt: Micros | null;
  contactLastSeenAt: Micros | null;
  lastActivityAt: Micros;
  createdAt: Micros;
  updatedAt: Micros;
};

export type SenderRef = { type: "Contact" | "User" | "AgentBot"; id: number } | null;

export type Message = {
  id: number;
  conversationId: number;
  accountId: number;
  inboxId: number;
  content: string | null;
  contentType: ContentType;
  contentAttributes: Record<string, unknown>;
  messageType: MessageType;
  private: boolean;
  status: "sent" | "delivered" | "read" | "failed";
  sourceId: string | null;
  sender: SenderRef;
  additionalAttributes: Record<string, unknown>;
  createdAt: Micros;
  updatedAt: Micros;
};

/** The attributes whose change dispatches `conversation_updated` (app/models/conversation.rb `list_of_keys`). */
export const conversationUpdatedKeys = [
  "team_id",
  "assignee_id",
  "assignee_agent_bot_id",
  "status",
  "snoozed_until",
  "custom_attributes",
  "label_list",
  "waiting_since",
  "first_reply_created_at",
  "priority",
] as const;
