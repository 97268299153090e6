import { activityMessages } from "./activity-messages.js";
import { assigneeFromTeam, autoAssignee } from "./auto-assignment.js";
import { isoTime } from "./db-time.js";
import type { Engine } from "./engine.js";
import type { Actor, ChangedAttributes } from "./events.js";
import { type Conversation, conversationUpdatedKeys } from "./model.js";
import type { Json } from "./payloads/party-payloads.js";

export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | "status"
    | "assigneeId"
    | "assigneeAgentBotId"
    | "teamId"
    | "priority"
    | "labels"
    | "customAttributes"
    | "snoozedUntil"
    | "waitingSince"
    | "firstReplyCreatedAt"
  >
>;

type Column = { name: string; read: (c: Conversation) => Json; time?: boolean };

/** The tracked columns in table order (db/schema.rb), which is the order of Rails' `previous_changes`. */
const columns: Column[] = [
  { name: "status", read: (c) => c.status },
  { name: "assignee_id", read: (c) => c.assigneeId },
  { name: "updated_at", read: (c) => c.updatedAt, time: true },
  { name: "team_id", read: (c) => c.teamId },
  { name: "snoozed_until", read: (c) => c.snoozedUntil, time: true },
  { name: "custom_attributes", read: (c) => c.customAttributes as Json },
  { name: "first_reply_created_at", read: (c) => c.firstReplyCreatedAt, time: true },
  { name: "priority", read: (c) => c.priority },
  { name: "waiting_since", read: (c) => c.waitingSince, time: true },
  { name: "cached_label_list", read: (c) => (c.labels.length ? c.labels.join(", ") : null) },
  { name: "assignee_agent_bot_id", read: (c) => c.assigneeAgentBotId },
  { name: "label_list", read: (c) => [...c.labels] },
];

export type Changes = { name: string; previous: Json; current: Json }[];

const wire = (column: Column, value: Json): Json => (column.time && typeof value === "number" ? isoTime(value) : value);

function diff(before: Json[], c: Conversation): Changes {
  const changes: Changes = [];
  columns.forEach((column, i) => {
    const current = column.read(c);
    if (JSON.stringify(before[i]) !== JSON.stringify(current))
      changes.push({ name: column.name, previous: wire(column, before[i] ?? null), current: wire(column, current) });
  });
  return changes;
}

/** before_validation / before_save callbacks of Conversation and AssignmentHandler. */
function beforeSave(engine: Engine, c: Conversation, teamBefore: number | null): void {
  const legacy = !engine.profile.autoAssignmentOnOpen;
  if (c.teamId !== teamBefore) {
    // AssignmentHandler#ensure_assignee_is_from_team
    const team = engine.store.team(c.teamId);
    if (team && c.assigneeId !== null && !team.memberIds.includes(c.assigneeId)) c.assigneeId = null;
    c.assigneeId ??= assigneeFromTeam(engine.store, engine.robin, c.teamId, legacy);
  }
  if (c.status !== "snoozed") c.snoozedUntil = null; // ensure_snooze_until_reset
}

/**
 * `conversation.update(...)` with Chatwoot's callbacks: assignee rules before the save, the
 * auto-assignment after it, and the events its commit dispatches. Returns what changed.
 */
export function saveConversation(engine: Engine, c: Conversation, patch: ConversationPatch, actor: Actor): Changes {
  const before = columns.map((column) => column.read(c));
  const teamBefore = c.teamId;
  Object.assign(c, patch);
  // reset_agent_bot_when_assignee_present (before_validation, so before the team's assignee is picked), 4.8.0+
  if (c.assigneeId !== null) c.assigneeAgentBotId = null;
  beforeSave(engine, c, teamBefore);
  if (diff(before, c).length === 0) return [];
  c.updatedAt = engine.time.now();
  const changes = diff(before, c);
  const nested = autoAssignAfterSave(engine, c, changes);
  if (nested && engine.behaviour.skipStatusEventsAfterAutoAssignment) {
    commit(engine, c, nested, actor);
  } else {
    commit(engine, c, changes, actor);
    if (nested) commit(engine, c, nested, actor);
  }
  return changes;
}

/** AutoAssignmentHandler (after_save): becoming open assigns an online agent in a nested save. */
function autoAssignAfterSave(engine: Engine, c: Conversation, changes: Changes): Changes | null {
  if (!engine.profile.autoAssignmentOnOpen) return null;
  const becameOpen = changes.some((ch) => ch.name === "status") && c.status === "open";
  if (!becameOpen) return null;
  const assignee = autoAssignee(engine.store, engine.robin, c);
  if (assignee === null) return null;
  const before = columns.map((column) => column.read(c));
  c.assigneeId = assignee;
  c.assigneeAgentBotId = null;
  c.updatedAt = engine.time.now();
  return diff(before, c);
}

/** after_update_commit: status events, activity messages (status, priority, labels), then `conversation_updated`. */
function commit(engine: Engine, c: Conversation, changes: Changes, actor: Actor): void {
  const statusChanged = changes.some((ch) => ch.name === "status");
  // handle_resolved_status_change: update_column, so no change is recorded for it.
  if (statusChanged && c.status === "resolved") c.waitingSince = null;
  if (statusChanged) {
    if (c.status === "open") engine.dispatch({ name: "conversation_opened", conversation: c });
    if (c.status === "resolved") engine.dispatch({ name: "conversation_resolved", conversation: c });
    engine.dispatch({ name: "conversation_status_changed", conversation: c });
  }
  const keys: readonly string[] = conversationUpdatedKeys;
  if (changes.some((ch) => keys.includes(ch.name))) {
    engine.dispatch({ name: "conversation_updated", conversation: c, changedAttributes: changedAttributes(changes) });
  }
  if (actor) for (const text of activityMessages(c, changes, actor.name)) engine.activity(c, text);
}

function changedAttributes(changes: Changes): ChangedAttributes {
  return changes.map((ch) => ({ [ch.name]: { previous_value: ch.previous, current_value: ch.current } }));
}
