/**
 * What changed across Chatwoot versions, as far as an agent bot can tell. Each flag names the
 * release and the file it was read from (git history of chatwoot/chatwoot).
 */
export type ProfileName = "legacy" | "4.9-4.12" | "current";

export type BotEvent =
  | "message_created"
  | "message_updated"
  | "conversation_opened"
  | "conversation_resolved"
  | "conversation_status_changed"
  | "conversation_updated"
  | "webwidget_triggered";

export type VersionProfile = {
  name: ProfileName;
  /** The tag the profile was read from. */
  sourceTag: string;
  /** `GET /api` answers `Chatwoot.config[:version]` (config/app.yml; app/controllers/api_controller.rb). */
  version: string;
  /**
   * config/routes.rb: `post :custom_attributes` (1.21.0), `post :toggle_priority` (2.17.0) and
   * `update` (3.7.0) on a conversation; before them Rails answers 404 (no route).
   */
  attributeRoutes: boolean;
  /** app/models/conversation.rb `enum status`: value 2 was `bot` until v1.18.0 (renamed in #2677). */
  pendingStatusName: "bot" | "pending";
  /** app/listeners/agent_bot_listener.rb: the events sent to bots. */
  events: readonly BotEvent[];
  /** Message#webhook_sendable? (incoming, outgoing, template) vs legacy Message#reportable? (no template). */
  templateMessagesSent: boolean;
  /** AgentBotListener#agent_bots_for: the conversation's assignee bot receives events too (4.8.0, #12836). */
  assigneeBotReceivesEvents: boolean;
  /** Message#webhook_data `content: outgoing_content` rendered per channel (4.9.0–4.12.0; #13896 reverted). */
  renderedContent: boolean;
  /** Messages::WebhookContentNormalizer (4.13.0+): hard breaks and trailing newlines stripped. */
  normalizedContent: boolean;
  /** Conversations::EventDataPresenter#webhook_data adds `account` (4.13.0+). */
  conversationAccount: boolean;
  /** Payload shapes of v1.18 (contact sender `{id,name,avatar,type}`, short conversation object). */
  legacyShapes: boolean;
  /** lib/webhooks/trigger.rb#request_headers: X-Chatwoot-Signature/-Timestamp (4.13.0, #13892). */
  signing: boolean;
  /** X-Chatwoot-Delivery uuid passed by the listener (4.13.0). */
  deliveryIdHeader: boolean;
  /** app/jobs/agent_bots/webhook_job.rb `retry_on ... attempts: 3` on 429/500 (4.12.0, #13521). */
  retries: boolean;
  /** Webhooks::Trigger#handle_error opens a pending conversation after a failed delivery (4.8.0). */
  failurePolicy: boolean;
  /** ConversationsController#toggle_status `pending_to_open_by_bot?` → bot_handoff! (3.5.0). */
  botHandoff: boolean;
  /** Message#reopen_resolved_conversation: pending when the inbox has a bot (2.11, #5751); legacy opens. */
  reopenResolvedToPending: boolean;
  /**
   * WhatsApp and Meta channels start a new conversation after a resolved one (unless the inbox locks
   * to one); v1.18's channels kept the contact's conversation (Twilio `conversations.first`,
   * Facebook `find_by(conversation_params)`).
   */
  newConversationAfterResolved: boolean;
  /** AutoAssignmentHandler#run_auto_assignment on becoming open (absent from v1.18.0's Conversation). */
  autoAssignmentOnOpen: boolean;
  /** app/controllers/concerns/access_token_auth_helper.rb BOT_ACCESSIBLE_ENDPOINTS. */
  botEndpoints: Readonly<Record<string, readonly string[]>>;
  userAgent: string;
};

const legacyEvents: readonly BotEvent[] = ["message_created", "message_updated", "conversation_opened", "conversation_resolved", "webwidget_triggered"];

// v1.18.0: app/listeners/agent_bot_listener.rb, app/jobs/agent_bot_job.rb, lib/webhooks/trigger.rb.
const legacy: VersionProfile = {
  name: "legacy",
  sourceTag: "v1.18.0",
  version: "1.18.0",
  attributeRoutes: false,
  pendingStatusName: "bot",
  events: legacyEvents,
  templateMessagesSent: false,
  assigneeBotReceivesEvents: false,
  renderedContent: false,
  normalizedContent: false,
  conversationAccount: false,
  legacyShapes: true,
  signing: false,
  deliveryIdHeader: false,
  retries: false,
  failurePolicy: false,
  botHandoff: false,
  reopenResolvedToPending: false,
  newConversationAfterResolved: false,
  autoAssignmentOnOpen: false,
  botEndpoints: {
    conversations: ["toggle_status", "create"],
    "conversations/messages": ["create"],
  },
  userAgent: "rest-client/2.1.0 (linux-musl x86_64) ruby/2.7.4p191",
};

// v4.12.0 (rendered content since v4.9.0): what changed since v1.18 — RestClient retries on
// 429/500, the failure policy, bot handoff, the assignee bot, more bot endpoints; no signing yet.
const v4_12: VersionProfile = {
  ...legacy,
  name: "4.9-4.12",
  sourceTag: "v4.12.0",
  version: "4.12.0",
  attributeRoutes: true,
  pendingStatusName: "pending",
  templateMessagesSent: true,
  assigneeBotReceivesEvents: true,
  renderedContent: true,
  legacyShapes: false,
  retries: true,
  failurePolicy: true,
  botHandoff: true,
  reopenResolvedToPending: true,
  newConversationAfterResolved: true,
  autoAssignmentOnOpen: true,
  botEndpoints: {
    conversations: ["toggle_status", "toggle_typing_status", "toggle_priority", "create", "update", "custom_attributes"],
    "conversations/messages": ["create"],
    "conversations/assignments": ["create"],
  },
  userAgent: "rest-client/2.1.0 (linux x86_64) ruby/3.3.3p89",
};

// v4.15.1: what changed since 4.12.0 — SafeFetch (Net::HTTP), signed deliveries with an id,
// status and update events, raw normalised content, the 4.14.2 bot endpoints.
const current: VersionProfile = {
  ...v4_12,
  name: "current",
  sourceTag: "v4.15.1",
  version: "4.15.1",
  events: [...legacyEvents, "conversation_status_changed", "conversation_updated"],
  renderedContent: false,
  normalizedContent: true,
  conversationAccount: true,
  signing: true,
  deliveryIdHeader: true,
  botEndpoints: {
    ...v4_12.botEndpoints,
    conversations: ["show", ...(v4_12.botEndpoints.conversations ?? [])],
    "conversations/labels": ["index", "create"],
  },
  userAgent: "Ruby",
};

export const profiles: Record<ProfileName, VersionProfile> = { legacy, "4.9-4.12": v4_12, current };

export const profileNames = Object.keys(profiles) as ProfileName[];

export function isProfileName(value: string): value is ProfileName {
  return value in profiles;
}

/** The status as this version names it on the wire (`bot` for pending on legacy servers). */
export function wireStatus(profile: VersionProfile, status: string): string {
  return status === "pending" ? profile.pendingStatusName : status;
}
