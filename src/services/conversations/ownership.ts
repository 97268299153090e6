import type { OwnerReason } from "../../domain/ownership.js";
import type { ParsedDelivery, InboxStatus, Snapshot } from "../../inbox/parse-delivery.js";
import type { ConversationState } from "./conversation-state.js";

/** Evidence about a conversation: a parsed delivery, or the inbox's answer when we asked. */
export type Observation = Exclude<ParsedDelivery, { kind: "ignored" }> | { kind: "inbox_read"; snapshot: Snapshot };

/**
 * What the pipeline does with the observation: `route` answers the customer's turn; `silent`
 * records it; `close_session` lets the flows hear `handback` after a human resolved the
 * conversation (at most one closing message); `verify` asks the inbox for the conversation, then
 * observes its answer and this observation again (a `pending` message after our own handover that
 * no evidence yet places before or after our `toggle_status`).
 */
export type Effect = "route" | "silent" | "close_session" | "verify";

export type Transition =
  | "stale"
  | "handback_resolved"
  | "handback_pending"
  | "handback_assigned_bot"
  | "human_status"
  | "human_agent_reply"
  | "human_assigned_agent"
  | "human_other_bot";

export type Observed = { state: ConversationState; effect: Effect; transition: Transition | null };

/** Who we are in the inbox: our agent-bot id, once learned (assignments name bots by id). */
export type Self = { agentBotId: number | null };

// Marks "the inbox showed it open" in a payload that carries no `updated_at` (2021 inboxes).
const seenWithoutTime = -1;

const isHumanStatus = (status: InboxStatus | null) => status === "open" || status === "snoozed";

/**
 * The ownership state machine (docs/decisions/0010). A snapshot is true only as of the moment its
 * event happened, and deliveries arrive late and out of order, so: echoes, private notes, templates
 * and agents' messages never hand a conversation back; ownership changes come from conversation
 * events and customer messages, ordered by the conversation's `updated_at`, and from our own
 * `toggle_status` (`startHandover` / `confirmHandover`).
 */
export function observe(state: ConversationState, observation: Observation, self: Self, now: Date): Observed {
  const snap = observation.snapshot;
  const newer = isNewer(snap, state.inboxUpdatedAt);
  const base = noteOpen(withMetadata(state, snap, newer, now), snap);
  // What was known of "open" before this very observation (which may show open itself).
  const openBefore = state.openSeenAt;
  switch (observation.kind) {
    case "status":
      return newer ? conversationEvent(base, observation, self) : { state: base, effect: "silent", transition: "stale" };
    case "inbox_read":
      return inboxRead(base, snap);
    case "record":
      // Our echo, a note, a template: never evidence of ownership. An agent speaking publicly is.
      if (observation.reason === "agent_message" && newer && base.owner === "bot") {
        return { state: toHuman(base, "agent_reply", snap), effect: "silent", transition: "human_agent_reply" };
      }
      return { state: base, effect: "silent", transition: null };
    case "turn":
      return customerMessage(base, snap, { newer, openBefore }, self);
  }
}

/** Our handover was decided: silent from now on, until the inbox's evidence says otherwise. */
export function startHandover(state: ConversationState): ConversationState {
  return { ...state, owner: "human", ownerReason: "handing_over", ownerSince: state.inboxUpdatedAt, openSeenAt: null };
}

/** The inbox answered our `toggle_status` with this status. */
export function confirmHandover(state: ConversationState, status: InboxStatus, now: Date): ConversationState {
  const reason: OwnerReason = state.owner === "human" && state.ownerReason === "handing_over" ? "handover" : state.ownerReason;
  return { ...state, inboxStatus: status, ownerReason: reason, updatedAt: now };
}

/**
 * Is the snapshot newer than `than`? A 2021 snapshot only knows the last activity in whole seconds,
 * which a status change does not move: an equal time counts as newer, in arrival order.
 */
function isNewer(snap: Snapshot, than: number | null): boolean {
  if (snap.updatedAt === null || than === null) return true;
  return snap.precise ? snap.updatedAt > than : snap.updatedAt >= than;
}

function withMetadata(state: ConversationState, snap: Snapshot, newer: boolean, now: Date): ConversationState {
  const next: ConversationState = {
    ...state,
    accountId: snap.accountId ?? state.accountId,
    inboxId: snap.inboxId ?? state.inboxId,
    channel: snap.channel ?? state.channel,
    contactName: snap.contactName ?? state.contactName,
    updatedAt: now,
  };
  if (!newer) return next;
  return { ...next, inboxUpdatedAt: snap.updatedAt ?? state.inboxUpdatedAt, teamId: snap.teamId ?? state.teamId };
}

/** Evidence that the current human episode has been open (late evidence counts: it is still true). */
function noteOpen(state: ConversationState, snap: Snapshot): ConversationState {
  if (state.owner !== "human" || !isHumanStatus(snap.status)) return state;
  if (snap.updatedAt === null) return { ...state, openSeenAt: state.openSeenAt ?? seenWithoutTime };
  if (state.ownerSince !== null && snap.updatedAt <= state.ownerSince) return state;
  return { ...state, openSeenAt: Math.max(state.openSeenAt ?? seenWithoutTime, snap.updatedAt) };
}

function toHuman(state: ConversationState, reason: OwnerReason, snap: Snapshot): ConversationState {
  const open = isHumanStatus(snap.status) ? (snap.updatedAt ?? seenWithoutTime) : null;
  return { ...state, owner: "human", ownerReason: reason, ownerSince: state.inboxUpdatedAt, openSeenAt: open };
}

/** The bot takes over again with nothing left over from before the human had it. */
function toBot(state: ConversationState, reason: OwnerReason): ConversationState {
  return {
    ...state,
    owner: "bot",
    ownerReason: reason,
    ownerSince: state.inboxUpdatedAt,
    openSeenAt: null,
    handedOverTo: null,
    handedOverAt: null,
    flowState: null,
    clarifyPending: 0,
  };
}

function conversationEvent(state: ConversationState, event: Extract<Observation, { kind: "status" }>, self: Self): Observed {
  const snap = event.snapshot;
  const changes = event.changes ?? {};
  const status = snap.status;
  const withStatus = status === null ? state : { ...state, inboxStatus: status };
  if (changes.assigneeBotId !== undefined && changes.assigneeBotId !== null && self.agentBotId !== null) {
    if (changes.assigneeBotId === self.agentBotId) {
      return state.owner === "human"
        ? { state: toBot(withStatus, "assigned_bot"), effect: "silent", transition: "handback_assigned_bot" }
        : { state: { ...withStatus, ownerReason: "assigned_bot" }, effect: "silent", transition: null };
    }
    return { state: toHuman(withStatus, "other_bot", snap), effect: "silent", transition: "human_other_bot" };
  }
  if (status === "resolved" && (event.statusChange || state.inboxStatus !== "resolved")) {
    const closing = state.owner === "human";
    return { state: toBot(withStatus, "closed"), effect: closing ? "close_session" : "silent", transition: closing ? "handback_resolved" : null };
  }
  if (status === "pending" && event.statusChange && state.owner === "human") {
    return { state: toBot(withStatus, "handback"), effect: "silent", transition: "handback_pending" };
  }
  if (state.owner === "bot" && isHumanStatus(status) && state.ownerReason !== "assigned_bot") {
    return { state: toHuman(withStatus, "status", snap), effect: "silent", transition: "human_status" };
  }
  if (state.owner === "bot" && changes.assigneeId !== undefined && changes.assigneeId !== null) {
    return { state: toHuman(withStatus, "assigned_agent", snap), effect: "silent", transition: "human_assigned_agent" };
  }
  // Our own handover seen from the inbox's side (open), or a change that moves no ownership.
  const reason = state.ownerReason === "handing_over" && isHumanStatus(status) ? "handover" : state.ownerReason;
  return { state: { ...withStatus, ownerReason: reason }, effect: "silent", transition: null };
}

function customerMessage(state: ConversationState, snap: Snapshot, seen: { newer: boolean; openBefore: number | null }, self: Self): Observed {
  const { newer } = seen;
  const status = snap.status;
  const assignedBot = snap.assigneeType === "AgentBot" ? snap.assigneeId : null;
  if (assignedBot !== null && self.agentBotId !== null && assignedBot !== self.agentBotId) {
    // Another agent bot has the conversation (Chatwoot delivers its events to us too).
    if (!newer || state.owner === "human") return { state, effect: "silent", transition: null };
    return { state: toHuman(state, "other_bot", snap), effect: "silent", transition: "human_other_bot" };
  }
  // Assigned to us: before Chatwoot 4.13 no event says so, and the status may stay open.
  const toUs = assignedBot !== null && assignedBot === self.agentBotId;
  if (isHumanStatus(status) && !toUs) {
    if (!newer || state.owner === "human" || state.ownerReason === "assigned_bot") {
      return { state, effect: state.owner === "bot" ? "route" : "silent", transition: null };
    }
    return { state: toHuman({ ...state, inboxStatus: status }, "status", snap), effect: "silent", transition: "human_status" };
  }
  if (status === "resolved") return { state, effect: "silent", transition: null };
  if (state.owner === "bot") return { state: newer && status ? { ...state, inboxStatus: status } : state, effect: "route", transition: null };
  if (state.ownerReason === "handing_over") return { state, effect: "silent", transition: null };
  if (pendingAfterOpen(seen.openBefore, snap)) {
    const reason = toUs ? "assigned_bot" : "handback";
    return {
      state: toBot({ ...state, inboxStatus: status ?? state.inboxStatus }, reason),
      effect: "route",
      transition: toUs ? "handback_assigned_bot" : "handback_pending",
    };
  }
  // After our own toggle with no sign of "open" yet, this message may predate the toggle: ask.
  if (state.ownerReason === "handover" && state.openSeenAt === null) return { state, effect: "verify", transition: null };
  return { state, effect: "silent", transition: null };
}

/**
 * A customer message saying `pending` (or naming us as assignee), written after the inbox had shown
 * this episode open: an agent gave the conversation back, and older inboxes send no event for
 * that. Strictly later, even in whole seconds: a message of the same second may predate the toggle.
 * Without any time, arrival order is the only evidence there is.
 */
function pendingAfterOpen(openSeenAt: number | null, snap: Snapshot): boolean {
  if (openSeenAt === null) return false;
  if (snap.updatedAt === null) return true;
  return snap.updatedAt > openSeenAt;
}

/**
 * The conversation as the inbox shows it now, read because a message was ambiguous: still
 * pending means our handover was undone by a human; open was noted by `noteOpen`.
 */
function inboxRead(state: ConversationState, snap: Snapshot): Observed {
  if (state.owner !== "human") return { state, effect: "silent", transition: null };
  if (snap.status === "pending") return { state: toBot({ ...state, inboxStatus: "pending" }, "handback"), effect: "silent", transition: "handback_pending" };
  if (snap.status === "resolved")
    return { state: toBot({ ...state, inboxStatus: "resolved" }, "closed"), effect: "close_session", transition: "handback_resolved" };
  return { state, effect: "silent", transition: null };
}
