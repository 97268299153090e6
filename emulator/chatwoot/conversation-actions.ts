import { saveConversation } from "./conversation-save.js";
import type { Engine } from "./engine.js";
import type { Actor } from "./events.js";
import type { AgentBot, ContactInbox, Conversation, ConversationStatus, Priority, User } from "./model.js";

/** Raised for what Rails answers with a 500 (an enum assigned an unknown value). */
export class InvalidEnumValue extends Error {
  override name = "InvalidEnumValue";
}

/**
 * A new conversation (Conversation before_create callbacks): `pending` when the inbox has an
 * active bot (determine_conversation_status; v1.18 set_bot_conversation named it `bot`),
 * resolved for a blocked contact, otherwise open; waiting since its creation.
 */
export function createConversation(engine: Engine, ci: ContactInbox, additionalAttributes: Record<string, unknown> = {}): Conversation {
  const { store } = engine;
  const now = engine.time.now();
  const contact = store.contactById(ci.contactId);
  const status: ConversationStatus = contact.blocked ? "resolved" : store.activeInboxBot() ? "pending" : "open";
  const conversation: Conversation = {
    id: store.nextId("conversation"),
    displayId: store.nextId("displayId"),
    uuid: store.newUuid(),
    accountId: store.account.id,
    inboxId: store.inbox.id,
    contactId: ci.contactId,
    contactInboxId: ci.id,
    status,
    assigneeId: null,
    assigneeAgentBotId: null,
    teamId: null,
    priority: null,
    labels: [],
    customAttributes: {},
    additionalAttributes,
    snoozedUntil: null,
    waitingSince: now,
    firstReplyCreatedAt: null,
    agentLastSeenAt: null,
    contactLastSeenAt: null,
    lastActivityAt: now,
    createdAt: now,
    updatedAt: now,
  };
  store.conversations.push(conversation);
  return conversation;
}

export type ToggleResult = { success: boolean | null };

const statuses: readonly string[] = ["open", "resolved", "pending", "snoozed"];

/** The wire name of a status as this version accepts it (`bot` on v1.18). */
function parseStatus(engine: Engine, value: string): ConversationStatus {
  const legacy = engine.profile.pendingStatusName === "bot";
  if (legacy && value === "pending") throw new InvalidEnumValue(`'pending' is not a valid status`);
  const status = legacy && value === "bot" ? "pending" : value;
  if (!statuses.includes(status) || (legacy && status === "snoozed")) throw new InvalidEnumValue(`'${value}' is not a valid status`);
  return status as ConversationStatus;
}

/**
 * Api::V1::Accounts::ConversationsController#toggle_status. An agent bot opening a pending
 * conversation is a bot handoff (Conversation#bot_handoff!: waiting time, then open); with a
 * status it is set; without one it toggles; an agent-role user who leaves it open is assigned.
 */
export function toggleStatus(engine: Engine, c: Conversation, params: { status?: string; snoozedUntil?: number | null }, actor: Actor): ToggleResult {
  const wanted = params.status ? parseStatus(engine, params.status) : null;
  let success: boolean | null = true;
  if (engine.profile.botHandoff && actor?.type === "AgentBot" && c.status === "pending" && wanted === "open") {
    if (c.waitingSince === null) saveConversation(engine, c, { waitingSince: engine.time.now() }, actor);
    saveConversation(engine, c, { status: "open" }, actor);
    success = null;
  } else if (wanted) {
    saveConversation(engine, c, { status: wanted, ...(params.snoozedUntil !== undefined && { snoozedUntil: params.snoozedUntil }) }, actor);
  } else {
    saveConversation(engine, c, { status: c.status === "open" ? "resolved" : "open" }, actor);
  }
  const user = actor?.type === "User" ? engine.store.user(actor.id) : undefined;
  if (engine.profile.botHandoff && c.status === "open" && user?.role === "agent") saveConversation(engine, c, { assigneeId: user.id }, actor);
  return { success };
}

/** AssignmentsController#set_team: an unknown team id clears the team (`find_by` gives nil). */
export function assignTeam(engine: Engine, c: Conversation, teamId: unknown, actor: Actor) {
  const team = typeof teamId === "number" || typeof teamId === "string" ? engine.store.team(Number(teamId)) : undefined;
  saveConversation(engine, c, { teamId: team?.id ?? null }, actor);
  return team ?? null;
}

/** Conversations::AssignmentService#assign_agent: an unknown user unassigns. */
export function assignAgent(engine: Engine, c: Conversation, assigneeId: unknown, actor: Actor): User | null {
  const user = engine.store.users.find((u) => u.id === Number(assigneeId)) ?? null;
  saveConversation(engine, c, { assigneeId: user?.id ?? null, assigneeAgentBotId: null }, actor);
  return user;
}

/** Conversations::AssignmentService#assign_agent_bot (4.8.0+): the status stays as it is. */
export function assignAgentBot(engine: Engine, c: Conversation, botId: unknown, actor: Actor): AgentBot | null {
  const bot = engine.store.bots.find((b) => b.id === Number(botId));
  if (!bot) return null;
  saveConversation(engine, c, { assigneeId: null, assigneeAgentBotId: bot.id }, actor);
  return bot;
}

/** Labelable#update_labels: the list is replaced. */
export function updateLabels(engine: Engine, c: Conversation, labels: string[], actor: Actor): string[] {
  saveConversation(engine, c, { labels: [...new Set(labels)] }, actor);
  return c.labels;
}

const priorities: readonly string[] = ["low", "medium", "high", "urgent"];

/** Conversation#toggle_priority: blank clears; an unknown value is an enum error. */
export function togglePriority(engine: Engine, c: Conversation, priority: unknown, actor: Actor): void {
  if (priority === undefined || priority === null || priority === "") {
    saveConversation(engine, c, { priority: null }, actor);
    return;
  }
  if (typeof priority !== "string" || !priorities.includes(priority)) throw new InvalidEnumValue(`'${JSON.stringify(priority)}' is not a valid priority`);
  saveConversation(engine, c, { priority: priority as Priority }, actor);
}

/** ConversationsController#custom_attributes: the whole hash is replaced. */
export function setCustomAttributes(engine: Engine, c: Conversation, attributes: Record<string, unknown>, actor: Actor): void {
  saveConversation(engine, c, { customAttributes: attributes }, actor);
}
