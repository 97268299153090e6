import { afterEach, describe, expect, it } from "vitest";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import { api, type ConversationWebhook, emulatorWithSink } from "./webhook-sink.js";

// What Chatwoot offers an agent bot beyond messages and the handover: the typing indicator,
// custom attributes, priority and labels, with the events and activity messages they cause.
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

const botNotAllowed = { error: "Access to this endpoint is not authorized for bots" };
const changedKeys = (body: ConversationWebhook) => body.changed_attributes!.map((c) => Object.keys(c)[0]);

async function withConversation(profile: ProfileName = "current") {
  t = await emulatorWithSink({ profile });
  t.emulator.customerSays("halo");
  const e = t.emulator;
  return { e, call: (method: string, path: string, token: string | null, body?: unknown) => api(e.baseUrl, method, path, token, body) };
}

describe("GET /api", () => {
  it.each([
    ["legacy", { version: "1.18.0" }],
    ["4.9-4.12", { version: "4.12.0", queue_services: "ok", data_services: "ok" }],
    ["current", { version: "4.15.1", queue_services: "ok", data_services: "ok" }],
  ] as const)("answers the version without a token (%s)", async (profile, expected) => {
    t = await emulatorWithSink({ profile });
    const res = await fetch(`${t.emulator.baseUrl}/api`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...expected, timestamp: "2026-01-15 02:30:00" });
  });
});

describe("typing", () => {
  it("shows the bot typing in the widget until 'off' or 30 s, ignores private typing, and sends bots nothing", async () => {
    const { e, call } = await withConversation();
    expect((await call("POST", "/conversations/1/toggle_typing_status", e.botToken, { typing_status: "on" })).text).toBe("");
    expect(e.conversation().agentTyping).toBe(true);
    // A message does not clear it: only "off" or the widget's own timer.
    await call("POST", "/conversations/1/messages", e.botToken, { content: "sebentar ya" });
    expect(e.conversation().agentTyping).toBe(true);
    await call("POST", "/conversations/1/toggle_typing_status", e.botToken, { typing_status: "off" });
    expect(e.conversation().agentTyping).toBe(false);
    await call("POST", "/conversations/1/toggle_typing_status", e.adminToken, { typing_status: "on", is_private: true });
    expect(e.conversation().agentTyping).toBe(false);
    await call("POST", "/conversations/1/toggle_typing_status", e.botToken, { typing_status: "maybe" });
    await call("POST", "/conversations/1/toggle_typing_status", e.botToken, { typing_status: "on" });
    t.clock.advance(30_000);
    expect(e.conversation().agentTyping).toBe(false);
    expect(e.typing().map((b) => [b.status, b.isPrivate, b.by?.type])).toEqual([
      ["on", false, "AgentBot"],
      ["off", false, "AgentBot"],
      ["on", true, "User"],
      ["on", false, "AgentBot"],
    ]);
    await e.idle();
    expect(e.events.filter((name) => name.startsWith("conversation_typing"))).toHaveLength(4);
    expect(t.sink.events().filter((name) => name.startsWith("conversation_typing"))).toEqual([]);
  });

  it("is for bots from 4.11.2 only (BOT_ACCESSIBLE_ENDPOINTS)", async () => {
    const legacy = await withConversation("legacy");
    expect((await legacy.call("POST", "/conversations/1/toggle_typing_status", legacy.e.botToken, { typing_status: "on" })).body).toEqual(botNotAllowed);
    expect(legacy.e.typing()).toEqual([]);
    await t.close();
    const v412 = await withConversation("4.9-4.12");
    expect((await v412.call("POST", "/conversations/1/toggle_typing_status", v412.e.botToken, { typing_status: "on" })).status).toBe(200);
    expect(v412.e.conversation().agentTyping).toBe(true);
  });
});

describe("custom attributes, priority and labels", () => {
  it("replace what was there, write activity messages in the bot's name, and send conversation_updated with what changed", async () => {
    const { e, call } = await withConversation();
    await call("POST", "/conversations/1/labels", e.adminToken, { labels: ["vip"] });
    await call("POST", "/conversations/1/custom_attributes", e.adminToken, { custom_attributes: { segmen: "gold" } });
    await call("POST", "/conversations/1/custom_attributes", e.botToken, { custom_attributes: { switchboard_division: "Fraud" } });
    await call("POST", "/conversations/1/toggle_priority", e.botToken, { priority: "urgent" });
    await call("POST", "/conversations/1/labels", e.botToken, { labels: ["vip", "fraud"] });
    await call("POST", "/conversations/1/labels", e.botToken, { labels: ["fraud"] });
    expect(e.conversation()).toMatchObject({ customAttributes: { switchboard_division: "Fraud" }, priority: "urgent", labels: ["fraud"] });
    expect(e.conversation().activities).toEqual([
      "Admin Bank ABC added vip",
      "Smart Handover Agent set the priority to urgent",
      "Smart Handover Agent added fraud",
      "Smart Handover Agent removed vip",
    ]);
    await e.idle();
    const updates = t.of("conversation_updated");
    expect(updates.map(changedKeys)).toEqual([
      ["updated_at", "cached_label_list", "label_list"],
      ["updated_at", "custom_attributes"],
      ["updated_at", "custom_attributes"],
      ["updated_at", "priority"],
      ["updated_at", "cached_label_list", "label_list"],
      ["updated_at", "cached_label_list", "label_list"],
    ]);
    expect(updates[2]!.changed_attributes![1]).toEqual({
      custom_attributes: { previous_value: { segmen: "gold" }, current_value: { switchboard_division: "Fraud" } },
    });
    expect(updates[4]!.changed_attributes![2]).toEqual({ label_list: { previous_value: ["vip"], current_value: ["vip", "fraud"] } });
    expect(updates.every((u) => u.status === "pending")).toBe(true);
  });

  it("before 4.14.2 the bot may write custom attributes and priority but not read the conversation or touch labels", async () => {
    const { e, call } = await withConversation("4.9-4.12");
    expect((await call("POST", "/conversations/1/custom_attributes", e.botToken, { custom_attributes: { a: 1 } })).status).toBe(200);
    expect((await call("POST", "/conversations/1/toggle_priority", e.botToken, { priority: "high" })).status).toBe(200);
    expect((await call("GET", "/conversations/1", e.botToken)).body).toEqual(botNotAllowed);
    expect((await call("POST", "/conversations/1/labels", e.botToken, { labels: ["fraud"] })).body).toEqual(botNotAllowed);
    expect((await call("POST", "/conversations/1/labels", e.adminToken, { labels: ["fraud"] })).body).toEqual({ payload: ["fraud"] });
    // 4.12 sends agent bots no conversation_updated at all (AgentBotListener).
    await e.idle();
    expect(t.sink.events()).toEqual(["message_created"]);
  });

  it("do not exist on v1.18 (no route: 404), where labels do", async () => {
    const { e, call } = await withConversation("legacy");
    for (const [method, path] of [
      ["POST", "/custom_attributes"],
      ["POST", "/toggle_priority"],
      ["PATCH", ""],
    ] as const) {
      expect((await call(method, `/conversations/1${path}`, e.adminToken, { priority: "high", custom_attributes: {} })).status).toBe(404);
    }
    expect((await call("GET", "/conversations/1/labels", e.adminToken)).body).toEqual({ payload: [] });
  });
});
