import { describe, expect, it } from "vitest";
import type { ParsedDelivery, ConversationChanges, InboxStatus, RecordReason, Snapshot } from "../../inbox/parse-delivery.js";
import { type ConversationState, freshConversation } from "./conversation-state.js";
import { confirmHandover, type Observation, observe, startHandover } from "./ownership.js";

const now = new Date("2026-01-15T02:30:00Z");
const self = { agentBotId: 5 };
let messageId = 100;

const snap = (status: InboxStatus | null, updatedAt: number | null, extra: Partial<Snapshot> = {}): Snapshot => ({
  conversationId: 42,
  accountId: 1,
  inboxId: 3,
  status,
  updatedAt,
  precise: updatedAt !== null,
  channel: "Channel::Whatsapp",
  contactName: "Rina",
  teamId: null,
  assigneeType: null,
  assigneeId: null,
  ...extra,
});
const customer = (status: InboxStatus | null, updatedAt: number | null, extra: Partial<Snapshot> = {}): Observation => ({
  kind: "turn",
  event: "message_created",
  snapshot: snap(status, updatedAt, extra),
  turn: { messageId: ++messageId, text: "halo", payload: null, attachmentTypes: [], contentAttributes: {} },
  dedupeKey: `k${String(messageId)}`,
});
const message = (reason: RecordReason, status: InboxStatus, updatedAt: number): Observation => ({
  kind: "record",
  reason,
  event: "message_created",
  snapshot: snap(status, updatedAt),
  messageId: ++messageId,
  content: "…",
  senderId: reason === "echo" ? 5 : 12,
  dedupeKey: `k${String(messageId)}`,
});
const conversationEvent = (
  status: InboxStatus,
  updatedAt: number | null,
  opts: { event?: string; changes?: ConversationChanges; statusChange?: boolean; extra?: Partial<Snapshot> } = {},
): Extract<ParsedDelivery, { kind: "status" }> => ({
  kind: "status",
  event: opts.event ?? "conversation_status_changed",
  snapshot: snap(status, updatedAt, opts.extra),
  statusChange: opts.statusChange ?? (opts.event === undefined || opts.event !== "conversation_updated"),
  changes: opts.changes ?? {},
  dedupeKey: `c${String(updatedAt)}`,
});

/** Feeds observations in order and returns the last result. */
function run(state: ConversationState, ...observations: Observation[]) {
  let current = { state, effect: "silent" as string, transition: null as string | null };
  for (const o of observations) current = observe(current.state, o, self, now);
  return current;
}

const fresh = () => freshConversation("bot_1", { conversationId: 42 }, now);
/** We routed a turn at t=100 and decided a handover; the inbox confirmed our toggle. */
function handedOver(): ConversationState {
  const routed = run(fresh(), customer("pending", 100));
  expect(routed.effect).toBe("route");
  return confirmHandover(startHandover(routed.state), "open", now);
}

describe("ownership: the bot's own turns", () => {
  it("a pending customer message in a new conversation is the bot's turn", () => {
    expect(run(fresh(), customer("pending", 100))).toMatchObject({ effect: "route", state: { owner: "bot", ownerReason: "new" } });
  });

  it("a 2021 inbox (status 'bot' read as pending, no updated_at) routes in arrival order", () => {
    expect(run(fresh(), customer("pending", null), customer("pending", null)).effect).toBe("route");
  });

  it("our handover: silent while the toggle is pending, then owned by the human", () => {
    const routed = run(fresh(), customer("pending", 100)).state;
    const handing = startHandover(routed);
    expect(handing).toMatchObject({ owner: "human", ownerReason: "handing_over", ownerSince: 100 });
    expect(run(handing, customer("pending", 101)).effect).toBe("silent");
    expect(confirmHandover(handing, "open", now)).toMatchObject({ owner: "human", ownerReason: "handover", inboxStatus: "open" });
  });
});

describe("ownership: what never hands a conversation back", () => {
  it("the echo of our own handover message and our private note (still 'pending', newer) change nothing", () => {
    const result = run(handedOver(), message("echo", "pending", 101), message("private_note", "pending", 102));
    expect(result).toMatchObject({ effect: "silent", transition: null, state: { owner: "human", ownerReason: "handover" } });
    // Nor do they count as evidence that the episode was open.
    expect(result.state.openSeenAt).toBeNull();
  });

  it("a template message (greeting, out of office, CSAT) changes nothing", () => {
    expect(run(handedOver(), message("template", "pending", 105)).state).toMatchObject({ owner: "human" });
  });

  it("our team assignment's conversation_updated (pending, no status change) changes nothing", () => {
    const result = run(handedOver(), conversationEvent("pending", 101, { event: "conversation_updated", changes: { teamId: 2 } }));
    expect(result.state).toMatchObject({ owner: "human", ownerReason: "handover", teamId: null });
  });

  it("a customer message written just before our toggle and delivered after the 'open' event: silent", () => {
    const result = run(handedOver(), conversationEvent("open", 110), customer("pending", 104));
    expect(result).toMatchObject({ effect: "silent", state: { owner: "human", openSeenAt: 110 } });
  });

  it("the same message delivered before any sign of 'open': the inbox must be asked", () => {
    expect(run(handedOver(), customer("pending", 104)).effect).toBe("verify");
  });

  it("asking the inbox: 'open' now means the message predates the toggle", () => {
    const read: Observation = { kind: "inbox_read", snapshot: snap("open", 120) };
    const result = run(handedOver(), read, customer("pending", 104));
    expect(result).toMatchObject({ effect: "silent", state: { owner: "human", openSeenAt: 120 } });
  });

  it("asking the inbox: still 'pending' means a human handed it back", () => {
    const read: Observation = { kind: "inbox_read", snapshot: snap("pending", 120) };
    const result = run(handedOver(), read);
    expect(result).toMatchObject({ transition: "handback_pending", state: { owner: "bot", ownerReason: "handback", flowState: null } });
  });

  it("a stale status snapshot older than one already seen is ignored", () => {
    const result = run(fresh(), conversationEvent("open", 200), conversationEvent("pending", 150));
    expect(result).toMatchObject({ transition: "stale", state: { owner: "human", inboxStatus: "open" } });
  });

  it("an open snapshot from an earlier human episode does not count for the new one", () => {
    const episode2 = run(fresh(), conversationEvent("open", 50), conversationEvent("resolved", 60), customer("pending", 100)).state;
    const handing = confirmHandover(startHandover(episode2), "open", now);
    // The old 'open' (t=50) arrives again late; the pre-toggle message (t=104) is still ambiguous.
    expect(run(handing, conversationEvent("open", 50), customer("pending", 104)).effect).toBe("verify");
  });
});

describe("ownership: humans taking over", () => {
  it("an agent's public reply in a pending conversation silences the bot until it is handed back", () => {
    const result = run(fresh(), customer("pending", 100), message("agent_message", "pending", 101), customer("pending", 102));
    expect(result).toMatchObject({ effect: "silent", state: { owner: "human", ownerReason: "agent_reply" } });
    expect(run(result.state, conversationEvent("resolved", 110)).transition).toBe("handback_resolved");
  });

  it("an agent's late reply from before a handback does not take the conversation again", () => {
    const back = run(handedOver(), conversationEvent("open", 110), conversationEvent("pending", 130)).state;
    expect(run(back, message("agent_message", "open", 120)).state).toMatchObject({ owner: "bot" });
  });

  it("the inbox showing it open (event or message) takes it from the bot", () => {
    expect(run(fresh(), conversationEvent("open", 100)).transition).toBe("human_status");
    expect(run(fresh(), customer("pending", 100), customer("open", 101))).toMatchObject({ effect: "silent", transition: "human_status" });
  });

  it("only conversation_updated arrives (status events skipped after auto-assignment): still taken", () => {
    const result = run(fresh(), conversationEvent("open", 100, { event: "conversation_updated", changes: { assigneeId: 12 }, statusChange: false }));
    expect(result.state).toMatchObject({ owner: "human", ownerReason: "status" });
  });

  it("an agent assigning a human while pending takes it", () => {
    const result = run(fresh(), customer("pending", 100), conversationEvent("pending", 101, { event: "conversation_updated", changes: { assigneeId: 12 } }));
    expect(result).toMatchObject({ transition: "human_assigned_agent", state: { owner: "human" } });
  });

  it("assigned to another agent bot: stay silent", () => {
    const result = run(fresh(), conversationEvent("pending", 100, { event: "conversation_updated", changes: { assigneeBotId: 9 } }));
    expect(result).toMatchObject({ transition: "human_other_bot", state: { owner: "human", ownerReason: "other_bot" } });
  });
});

describe("ownership: handing back", () => {
  it("resolved by the agent: the session closes (the flows may say goodbye once), the next message starts fresh", () => {
    const closed = run(handedOver(), conversationEvent("open", 110), conversationEvent("resolved", 120));
    expect(closed).toMatchObject({ effect: "close_session", transition: "handback_resolved", state: { owner: "bot", ownerReason: "closed" } });
    // A second resolved event (conversation_resolved beside conversation_status_changed) is not a second goodbye.
    expect(run(closed.state, conversationEvent("resolved", 120, { event: "conversation_resolved" })).effect).toBe("silent");
    expect(run(closed.state, conversationEvent("pending", 130), customer("pending", 131)).effect).toBe("route");
  });

  it("set back to pending by the agent (status event): the bot resumes without a message", () => {
    const result = run(handedOver(), conversationEvent("open", 110), conversationEvent("pending", 130));
    expect(result).toMatchObject({ effect: "silent", transition: "handback_pending", state: { owner: "bot", ownerReason: "handback" } });
  });

  it("set back to pending with no event (2021 inbox): a customer message newer than the 'open' evidence", () => {
    const result = run(handedOver(), conversationEvent("open", 110, { event: "conversation_opened" }), customer("pending", 130));
    expect(result).toMatchObject({ effect: "route", transition: "handback_pending", state: { owner: "bot" } });
  });

  it("a 2021 inbox (whole-second last activity only): a message of the open's second predates the toggle", () => {
    const legacy = (status: InboxStatus, at: number) => ({ ...snap(status, at), precise: false });
    const routed = run(fresh(), { ...customer("pending", 100), snapshot: legacy("pending", 100) }).state;
    const handed = confirmHandover(startHandover(routed), "open", now);
    const opened: Observation = { ...conversationEvent("open", 102, { event: "conversation_opened" }), snapshot: legacy("open", 102) };
    const early: Observation = { ...customer("pending", 102), snapshot: legacy("pending", 102) };
    expect(run(handed, opened, early).effect).toBe("silent");
    const later: Observation = { ...customer("pending", 140), snapshot: legacy("pending", 140) };
    expect(run(handed, opened, later).effect).toBe("route");
    // Two status changes in the same second (no message between them) both count.
    const resolved: Observation = { ...conversationEvent("resolved", 102, { event: "conversation_resolved" }), snapshot: legacy("resolved", 102) };
    expect(run(handed, opened, resolved).transition).toBe("handback_resolved");
  });

  it("no time at all: pending after an 'opened' event is a handback by arrival order", () => {
    const routed = run(fresh(), customer("pending", null)).state;
    const handed = confirmHandover(startHandover(routed), "open", now);
    expect(run(handed, conversationEvent("open", null, { event: "conversation_opened" }), customer("pending", null)).effect).toBe("route");
  });

  it("assigned to this agent bot: the bot takes it over, even if the inbox still shows it open", () => {
    const back = run(
      handedOver(),
      conversationEvent("open", 110),
      conversationEvent("open", 120, { event: "conversation_updated", changes: { assigneeBotId: 5 }, statusChange: false }),
    );
    expect(back).toMatchObject({ transition: "handback_assigned_bot", state: { owner: "bot", ownerReason: "assigned_bot" } });
    expect(run(back.state, customer("open", 130)).effect).toBe("route");
  });

  it("before Chatwoot 4.13 (no update events): a customer message naming us as assignee after the open", () => {
    const opened = run(handedOver(), conversationEvent("open", 110, { event: "conversation_opened" })).state;
    const named = customer("open", 130, { assigneeType: "AgentBot", assigneeId: 5 });
    expect(run(opened, named)).toMatchObject({ effect: "route", transition: "handback_assigned_bot", state: { owner: "bot" } });
    // A snapshot naming us from before the open proves nothing.
    expect(run(opened, customer("pending", 105, { assigneeType: "AgentBot", assigneeId: 5 })).effect).toBe("silent");
  });

  it("a customer message naming another agent bot as assignee: stay silent", () => {
    const result = run(fresh(), customer("pending", 100), customer("pending", 101, { assigneeType: "AgentBot", assigneeId: 9 }));
    expect(result).toMatchObject({ effect: "silent", transition: "human_other_bot" });
  });

  it("assignments are not read while our own agent-bot id is unknown", () => {
    const unknown = observe(
      fresh(),
      conversationEvent("pending", 100, { event: "conversation_updated", changes: { assigneeBotId: 9 } }),
      { agentBotId: null },
      now,
    );
    expect(unknown.state.owner).toBe("bot");
  });
});
