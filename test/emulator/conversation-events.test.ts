import { afterEach, describe, expect, it } from "vitest";
import { api, type ConversationWebhook, emulatorWithSink } from "./webhook-sink.js";

// Status rules and the conversation events they dispatch (current profile).
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

const changedKeys = (body: ConversationWebhook) => body.changed_attributes!.map((c) => Object.keys(c)[0]);

describe("conversation status", () => {
  it("starts pending in a bot inbox; the bot's toggle_status open is a handoff that opens it and auto-assigns an online member", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    e.customerSays("halo");
    expect(e.conversation().status).toBe("pending");
    await api(e.baseUrl, "POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    await e.idle();
    expect(e.conversation()).toMatchObject({ status: "open", assigneeId: 12, assigneeType: "User" });
    expect(t.sink.events().slice(1)).toEqual(["conversation_opened", "conversation_status_changed", "conversation_updated", "conversation_updated"]);
    const [statusChanged] = t.of("conversation_status_changed");
    expect(statusChanged!.changed_attributes).toBeNull();
    const [statusUpdate, assigneeUpdate] = t.of("conversation_updated");
    expect(changedKeys(statusUpdate!)).toEqual(["status", "updated_at"]);
    expect(statusUpdate!.changed_attributes![0]).toEqual({ status: { previous_value: "pending", current_value: "open" } });
    expect(changedKeys(assigneeUpdate!)).toEqual(["assignee_id", "updated_at"]);
  });

  it("skips the status events when auto-assignment runs inside the save, in the #9277/#10078 mode: only conversation_updated arrives", async () => {
    t = await emulatorWithSink({ behaviour: { skipStatusEventsAfterAutoAssignment: true } });
    const { emulator: e } = t;
    e.customerSays("halo");
    await api(e.baseUrl, "POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    await e.idle();
    expect(t.sink.events().slice(1)).toEqual(["conversation_updated"]);
    expect(changedKeys(t.of("conversation_updated")[0]!)).toEqual(["assignee_id", "updated_at"]);
    expect(t.of("conversation_updated")[0]).toMatchObject({ status: "open", meta: { assignee_type: "User" } });
  });

  it("sets waiting_since on a handoff, auto-assigns only online agents of the team, and never a busy one", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    e.customerSays("halo");
    await api(e.baseUrl, "POST", "/conversations/1/messages", e.botToken, { content: "balasan bot" }); // clears waiting_since
    e.setAgentPresence(12, "busy");
    const team = await api(e.baseUrl, "POST", "/conversations/1/assignments", e.botToken, { team_id: 1 });
    expect(team.body).toMatchObject({ id: 1, name: "pengaduan & customer service", allow_auto_assign: true });
    // Team 1 is Dimas (busy) and Sari (online): Sari takes it when the team is set.
    expect(e.conversation()).toMatchObject({ status: "pending", teamId: 1, assigneeId: 13 });
    await api(e.baseUrl, "POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    await e.idle();
    const waiting = t.of("conversation_updated").find((b) => changedKeys(b).includes("waiting_since") && b.status === "pending" && (b.waiting_since ?? 0) > 0);
    expect(waiting).toBeDefined();
    expect(e.conversation().assigneeId).toBe(13);
  });

  it("keeps a pending conversation pending when an agent replies publicly", async () => {
    t = await emulatorWithSink();
    t.emulator.customerSays("halo");
    t.emulator.agentReplies("Saya bantu, ya");
    await t.emulator.idle();
    expect(t.emulator.conversation().status).toBe("pending");
    const reply = t.of("message_created").at(-1);
    expect(reply).toMatchObject({ message_type: "outgoing", sender: { type: "user" }, conversation: { status: "pending", first_reply_created_at: null } });
    expect(changedKeys(t.of("conversation_updated").at(-1)!)).toEqual(["updated_at", "first_reply_created_at", "waiting_since"]);
  });

  it("returns a resolved web-widget conversation to the bot (pending) on a customer message, and opens a snoozed one", async () => {
    t = await emulatorWithSink({ world: { channel: "Channel::WebWidget", enableEmailCollect: false } });
    const { emulator: e } = t;
    e.customerSays("halo");
    e.agentResolves();
    e.customerSays("saya kembali");
    expect(e.conversation()).toMatchObject({ displayId: 1, status: "pending" });
    e.agentSnoozes();
    e.customerSays("halo lagi");
    await e.idle();
    expect(e.conversation()).toMatchObject({ displayId: 1, status: "open" });
    const created = t.of("message_created").map((b) => [b.content, b.conversation.status]);
    expect(created).toEqual([
      ["halo", "pending"],
      ["saya kembali", "pending"],
      ["halo lagi", "open"],
    ]);
    expect(t.sink.events()).toContain("conversation_resolved");
  });

  it("starts a new WhatsApp conversation after a resolved one, unless the inbox locks to a single conversation", async () => {
    t = await emulatorWithSink();
    t.emulator.customerSays("halo");
    t.emulator.agentResolves();
    t.emulator.customerSays("saya kembali");
    expect(t.emulator.conversation()).toMatchObject({ displayId: 2, status: "pending" });
    await t.close();
    t = await emulatorWithSink({ world: { lockToSingleConversation: true } });
    t.emulator.customerSays("halo");
    t.emulator.agentResolves();
    t.emulator.customerSays("saya kembali");
    expect(t.emulator.conversation()).toMatchObject({ displayId: 1, status: "pending" });
  });
});

describe("conversation_updated on assignments", () => {
  it("names team, assignee and assignee bot changes in changed_attributes", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    e.customerSays("halo");
    e.setAgentPresence(12, "offline");
    e.setAgentPresence(13, "offline");
    e.agentAssignsTeam(2);
    e.agentAssigns(14);
    e.assignToBot(e.otherBotId);
    await e.idle();
    const updates = t.of("conversation_updated").slice(-3);
    expect(updates.map(changedKeys)).toEqual([
      ["updated_at", "team_id"],
      ["assignee_id", "updated_at"],
      ["assignee_id", "updated_at", "assignee_agent_bot_id"],
    ]);
    expect(updates[2]!.changed_attributes![2]).toEqual({ assignee_agent_bot_id: { previous_value: null, current_value: e.otherBotId } });
    expect(updates[2]!.meta).toMatchObject({ assignee: { id: e.otherBotId, type: "agent_bot" }, assignee_type: "AgentBot", team: { id: 2 } });
    expect(e.conversation().status).toBe("pending");
  });

  it("keeps the assignee bot while a team's agent is picked, and drops it at the next save", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    e.customerSays("halo");
    e.assignToBot(e.otherBotId);
    e.agentAssignsTeam(2);
    expect(e.conversation()).toMatchObject({ teamId: 2, assigneeId: 12, assigneeAgentBotId: e.otherBotId, assigneeType: "AgentBot" });
    await api(e.baseUrl, "POST", "/conversations/1/toggle_priority", e.adminToken, { priority: "high" });
    await e.idle();
    expect(e.conversation()).toMatchObject({ assigneeId: 12, assigneeAgentBotId: null, assigneeType: "User" });
    expect(changedKeys(t.of("conversation_updated").at(-1)!)).toEqual(["updated_at", "priority", "assignee_agent_bot_id"]);
  });

  it("sends events to the conversation's assignee bot as well as the inbox bot, once each", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    const other = await (await import("./webhook-sink.js")).startWebhookSink();
    try {
      e.store.bots[1]!.outgoingUrl = other.url;
      e.customerSays("halo");
      e.assignToBot(e.otherBotId);
      e.customerSays("masih di sana?");
      e.assignToBot(e.botId);
      e.customerSays("halo?");
      await e.idle();
      // The assignment itself reaches the newly assigned bot; the hand-back no longer does.
      expect(other.received.map((r) => [r.body.event, r.body.content ?? null])).toEqual([
        ["conversation_updated", null],
        ["message_created", "masih di sana?"],
      ]);
      expect(t.of("message_created").map((b) => b.content)).toEqual(["halo", "masih di sana?", "halo?"]);
    } finally {
      await other.close();
    }
  });

  it("sends nothing once the inbox's bot is inactive", async () => {
    t = await emulatorWithSink();
    t.emulator.store.inbox.agentBotActive = false;
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received).toHaveLength(0);
    expect(t.emulator.conversation().status).toBe("open");
  });
});
