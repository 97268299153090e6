import { afterEach, describe, expect, it } from "vitest";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import { api, emulatorWithSink } from "./webhook-sink.js";

// The inbox REST API: Chatwoot's token rules and answers.
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

const botNotAllowed = { error: "Access to this endpoint is not authorized for bots" };

async function withConversation(profile: ProfileName = "current", world = {}) {
  t = await emulatorWithSink({ profile, world });
  t.emulator.customerSays("halo");
  const e = t.emulator;
  return {
    e,
    call: (method: string, path: string, token: string | null, body?: unknown) => api(e.baseUrl, method, path, token, body),
  };
}

describe("token rules", () => {
  it("lets the agent-bot token send and hand over, but not list messages or read agents, teams or inboxes", async () => {
    const { e, call } = await withConversation();
    expect((await call("POST", "/conversations/1/messages", e.botToken, { content: "hai" })).status).toBe(200);
    for (const path of ["/conversations/1/messages", "/agents", "/teams", "/teams/1/team_members", "/inbox_members/3", "/inboxes/3"]) {
      const res = await call("GET", path, e.botToken);
      expect([path, res.status, res.body]).toEqual([path, 401, botNotAllowed]);
    }
    expect((await call("GET", "/conversations/1", e.botToken)).status).toBe(200);
    expect((await call("POST", "/conversations/1/labels", e.botToken, { labels: ["kartu"] })).body).toEqual({ payload: ["kartu"] });
  });

  it("follows each version's BOT_ACCESSIBLE_ENDPOINTS: no show or labels before 4.14.2, no assignments before 3.6", async () => {
    const { e, call } = await withConversation("4.9-4.12");
    expect((await call("GET", "/conversations/1", e.botToken)).body).toEqual(botNotAllowed);
    expect((await call("GET", "/conversations/1/labels", e.botToken)).body).toEqual(botNotAllowed);
    expect((await call("POST", "/conversations/1/assignments", e.botToken, { team_id: 2 })).status).toBe(200);
    await t.close();
    const legacy = await withConversation("legacy");
    expect((await legacy.call("POST", "/conversations/1/assignments", legacy.e.botToken, { team_id: 2 })).body).toEqual(botNotAllowed);
    expect((await legacy.call("POST", "/conversations/1/toggle_status", legacy.e.botToken, { status: "open" })).status).toBe(200);
  });

  it("answers 401 without a token, with a wrong one, and for another account", async () => {
    const { e, call } = await withConversation();
    expect(await call("GET", "/agents", null)).toMatchObject({ status: 401, body: { errors: ["You need to sign in or sign up before continuing."] } });
    expect(await call("GET", "/agents", "nope")).toMatchObject({ status: 401, body: { error: "Invalid Access Token" } });
    const other = await fetch(`${e.baseUrl}/api/v1/accounts/2/agents`, { headers: { api_access_token: e.adminToken } });
    expect(other.status).toBe(404);
  });

  it("lets user tokens read agents, teams and members; only members and administrators see an inbox", async () => {
    const { e, call } = await withConversation();
    const agents = (await call("GET", "/agents", e.agentToken)).body as { id: number; role: string; availability_status: string }[];
    expect(agents.map((a) => [a.id, a.role, a.availability_status])).toEqual([
      [1, "administrator", "offline"],
      [12, "agent", "online"],
      [13, "agent", "online"],
      [14, "agent", "online"],
    ]);
    expect(Object.keys(agents[1]!)).toEqual([
      "id",
      "account_id",
      "availability_status",
      "auto_offline",
      "confirmed",
      "email",
      "provider",
      "available_name",
      "name",
      "role",
      "thumbnail",
    ]);
    expect(((await call("GET", "/teams", e.agentToken)).body as Record<string, unknown>[])[1]).toEqual({
      id: 2,
      name: "kartu kredit & debit",
      description: "",
      allow_auto_assign: true,
      account_id: 1,
      is_member: true,
    });
    expect(((await call("GET", "/teams/2/team_members", e.agentToken)).body as { id: number }[]).map((a) => a.id)).toEqual([12]);
    expect(((await call("GET", "/inbox_members/3", e.adminToken)).body as { payload: { id: number }[] }).payload.map((a) => a.id)).toEqual([12, 13, 14]);
    const inbox = await call("GET", "/inboxes/3", e.adminToken);
    expect(inbox.body).toMatchObject({
      id: 3,
      channel_type: "Channel::Whatsapp",
      timezone: "Asia/Jakarta",
      working_hours_enabled: false,
      enable_auto_assignment: true,
    });
    expect((inbox.body as { working_hours: Record<string, unknown>[] }).working_hours[1]).toEqual({
      day_of_week: 1,
      closed_all_day: false,
      open_hour: 8,
      open_minutes: 0,
      close_hour: 17,
      close_minutes: 0,
      open_all_day: false,
    });
    e.store.inbox.memberIds = [13, 14];
    expect(await call("GET", "/inboxes/3", e.agentToken)).toMatchObject({ status: 401, body: { error: "You are not authorized to do this action" } });
  });
});

describe("toggle_status", () => {
  it("answers Chatwoot's shape; the bot's handoff has success null", async () => {
    const { e, call } = await withConversation();
    const res = await call("POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    expect(res.body).toEqual({ meta: {}, payload: { success: null, conversation_id: 1, current_status: "open", snoozed_until: null } });
    const again = await call("POST", "/conversations/1/toggle_status", e.adminToken, { status: "resolved" });
    expect((again.body as { payload: unknown }).payload).toEqual({ success: true, conversation_id: 1, current_status: "resolved", snoozed_until: null });
  });

  it("assigns the conversation to an agent-role user who opens it; an administrator is not assigned", async () => {
    const { e, call } = await withConversation("current", { autoAssignment: false });
    await call("POST", "/conversations/1/toggle_status", e.adminToken, { status: "open" });
    expect(e.conversation().assigneeId).toBeNull();
    await call("POST", "/conversations/1/toggle_status", e.adminToken, { status: "pending" });
    await call("POST", "/conversations/1/toggle_status", e.agentToken, { status: "open" });
    expect(e.conversation().assigneeId).toBe(12);
  });

  it("names the bot-owned status `bot` on legacy servers, and answers 500 to an unknown status", async () => {
    const { e, call } = await withConversation("legacy");
    const res = await call("POST", "/conversations/1/toggle_status", e.botToken, { status: "bot" });
    expect(res.body).toEqual({ meta: {}, payload: { success: true, current_status: "bot", conversation_id: 1 } });
    expect((await call("POST", "/conversations/1/toggle_status", e.botToken, { status: "pending" })).status).toBe(500);
  });
});

describe("assignments", () => {
  it("clears the team and answers null for an unknown team id", async () => {
    const { e, call } = await withConversation();
    await call("POST", "/conversations/1/assignments", e.botToken, { team_id: 2 });
    const res = await call("POST", "/conversations/1/assignments", e.botToken, { team_id: 999 });
    expect([res.status, res.text]).toEqual([200, "null"]);
    expect(e.conversation().teamId).toBeNull();
  });

  it("assigns an agent bot (assignee_type AgentBot), and assignee_id wins over team_id", async () => {
    const { e, call } = await withConversation();
    const bot = await call("POST", "/conversations/1/assignments", e.adminToken, { assignee_id: e.otherBotId, assignee_type: "AgentBot" });
    expect(bot.body).toMatchObject({ id: e.otherBotId, name: "Other Bot", bot_type: "webhook" });
    expect(e.conversation()).toMatchObject({ assigneeType: "AgentBot", assigneeAgentBotId: e.otherBotId, status: "pending" });
    const both = await call("POST", "/conversations/1/assignments", e.adminToken, { assignee_id: 14, team_id: 2 });
    expect(both.body).toMatchObject({ id: 14, role: "agent" });
    expect(e.conversation()).toMatchObject({ assigneeId: 14, assigneeAgentBotId: null, teamId: null });
  });
});

describe("messages", () => {
  it("validates content attributes like ContentAttributeValidator: cards need actions, items only known keys", async () => {
    const { e, call } = await withConversation();
    const cards = await call("POST", "/conversations/1/messages", e.botToken, {
      content: "Promo",
      content_type: "cards",
      content_attributes: { items: [{ title: "B1G1", description: "Kafe" }] },
    });
    expect(cards).toMatchObject({ status: 422, body: { error: "Validation failed: Content attributes contains items missing actions" } });
    const select = await call("POST", "/conversations/1/messages", e.botToken, {
      content: "Pilih",
      content_type: "input_select",
      content_attributes: { items: [{ title: "A", value: "a", payload: "x" }] },
    });
    expect(select.body).toEqual({ error: "Validation failed: Content attributes contains invalid keys for items : [:payload]" });
    const empty = await call("POST", "/conversations/1/messages", e.botToken, { content: "Pilih", content_type: "input_select", content_attributes: {} });
    expect(empty.status).toBe(422);
    expect((await call("POST", "/conversations/1/messages", e.botToken, { content: "x", content_type: "carousel" })).body).toEqual({
      error: "'carousel' is not a valid content_type",
    });
    const ok = await call("POST", "/conversations/1/messages", e.botToken, {
      content: "Promo",
      content_type: "cards",
      echo_id: "e-1",
      content_attributes: JSON.stringify({ items: [{ title: "B1G1", actions: [{ type: "postback", text: "Ambil", payload: "b1g1" }] }] }),
    });
    expect(ok.body).toMatchObject({
      echo_id: "e-1",
      conversation_id: 1,
      message_type: 1,
      content_type: "cards",
      status: "sent",
      private: false,
      sender: { id: 5, type: "agent_bot" },
    });
    expect(Object.keys(ok.body as Record<string, unknown>)).toEqual([
      "id",
      "content",
      "inbox_id",
      "echo_id",
      "conversation_id",
      "message_type",
      "content_type",
      "status",
      "content_attributes",
      "created_at",
      "private",
      "source_id",
      "sender",
    ]);
    expect(e.store.messages.filter((m) => m.contentType === "cards")).toHaveLength(1);
  });

  it("lists the latest messages, private notes included, for a user token", async () => {
    const { e, call } = await withConversation();
    e.agentNote("catatan");
    const list = (await call("GET", "/conversations/1/messages", e.adminToken)).body as {
      payload: { content: string; message_type: number; private: boolean }[];
      meta: unknown;
    };
    expect(list.payload.map((m) => [m.content, m.message_type, m.private])).toEqual([
      ["halo", 0, false],
      ["catatan", 1, true],
    ]);
    expect(list.meta).toMatchObject({ labels: [], contact: { name: "Rina Wulandari", type: "contact" } });
  });

  it("refuses incoming messages outside API inboxes and floods beyond the per-minute limit", async () => {
    t = await emulatorWithSink({ behaviour: { messagesPerMinuteLimit: 3 } });
    const e = t.emulator;
    e.customerSays("halo");
    const call = (body: unknown) => api(e.baseUrl, "POST", "/conversations/1/messages", e.botToken, body);
    expect((await call({ content: "x", message_type: "incoming" })).body).toEqual({ error: "Incoming messages are only allowed in Api inboxes" });
    expect((await call({ content: "1" })).status).toBe(200);
    expect((await call({ content: "2" })).status).toBe(200);
    expect(await call({ content: "3" })).toMatchObject({ status: 422, body: { error: "Validation failed: Too many messages" } });
    t.clock.advance(61_000);
    expect((await call({ content: "3" })).status).toBe(200);
  });
});

describe("other conversation endpoints", () => {
  it("replaces labels and custom attributes, sets the priority, accepts typing, and shows the conversation", async () => {
    const { e, call } = await withConversation();
    await call("POST", "/conversations/1/labels", e.botToken, { labels: ["kartu", "vip"] });
    expect((await call("POST", "/conversations/1/labels", e.botToken, { labels: ["fraud"] })).body).toEqual({ payload: ["fraud"] });
    expect((await call("POST", "/conversations/1/custom_attributes", e.botToken, { custom_attributes: { segmen: "gold" } })).body).toEqual({
      custom_attributes: { segmen: "gold" },
    });
    expect((await call("POST", "/conversations/1/toggle_priority", e.botToken, { priority: "urgent" })).text).toBe("");
    expect((await call("POST", "/conversations/1/toggle_priority", e.botToken, { priority: "penting" })).status).toBe(500);
    expect((await call("POST", "/conversations/1/toggle_typing_status", e.botToken, { typing_status: "on" })).status).toBe(200);
    const show = await call("GET", "/conversations/1", e.botToken);
    expect(show.body).toMatchObject({
      id: 1,
      status: "pending",
      labels: ["fraud"],
      priority: "urgent",
      custom_attributes: { segmen: "gold" },
      meta: { channel: "Channel::Whatsapp", sender: { name: "Rina Wulandari" } },
    });
    expect(await call("GET", "/conversations/77", e.botToken)).toMatchObject({ status: 404, body: { error: "Resource could not be found" } });
  });
});

describe("failNextApiCalls", () => {
  it("answers 429 as Rack::Attack does, 5xx, and a call done before it hangs or fails", async () => {
    const { e, call } = await withConversation();
    e.failNextApiCalls("POST /api/v1/accounts/1/conversations/1/messages", 429, 502, "apply-then-500");
    const throttled = await call("POST", "/conversations/1/messages", e.botToken, { content: "a" });
    expect([throttled.status, throttled.text]).toEqual([429, "Retry later\n"]);
    expect((await call("POST", "/conversations/1/messages", e.botToken, { content: "b" })).status).toBe(502);
    expect((await call("POST", "/conversations/1/messages", e.botToken, { content: "c" })).status).toBe(500);
    expect(e.transcript().map((m) => m.text)).toEqual(["halo", "c"]);
    e.failNextApiCalls("toggle_status", "hang");
    const hung = await fetch(`${e.baseUrl}/api/v1/accounts/1/conversations/1/toggle_status`, {
      method: "POST",
      headers: { api_access_token: e.botToken, "content-type": "application/json" },
      body: '{"status":"open"}',
      signal: AbortSignal.timeout(150),
    }).then(
      () => "answered",
      (error: unknown) => (error as Error).name,
    );
    expect(hung).toBe("TimeoutError");
    expect(e.conversation().status).toBe("pending");
    // The hang ends when the caller goes away.
    await expect.poll(() => e.apiCalls.some((c) => c.path.endsWith("/toggle_status") && c.status === 504), { timeout: 2000 }).toBe(true);
    expect(e.apiCalls.filter((c) => c.path.endsWith("/messages")).map((c) => [c.path.split("/").at(-1), c.caller, c.status])).toEqual([
      ["messages", "fault", 429],
      ["messages", "fault", 502],
      ["messages", "bot:5", 500],
    ]);
  });
});
