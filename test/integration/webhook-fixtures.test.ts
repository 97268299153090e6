import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { fixture, fixtureNames } from "../fixtures/chatwoot/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { emulatorClientOptions, type RecordedCall, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { bodyOf } from "../harness/contract.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

// The captured payloads are posted as they are; what Switchboard then calls is answered by the
// Chatwoot emulator, where each fixture's conversation exists (under the emulator's own id).
let t: TestApp;
let inbox: TestInbox;
let bot: TestBot;
beforeAll(async () => {
  t = await createTestApp({ inbox: emulatorClientOptions });
  inbox = await startInbox(t.clock);
  bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
});
afterAll(async () => {
  await inbox.close();
  await t.close();
});
beforeEach(() => {
  inbox.reset();
});

/** The emulator's conversation standing for a fixture's conversation id (opened by a customer, pending for the bot). */
const conversations = new Map<number, number>();
function conversationFor(fixtureId: number): number {
  const known = conversations.get(fixtureId);
  if (known !== undefined) return known;
  const id = inbox.newConversation();
  conversations.set(fixtureId, id);
  return id;
}

const withId = (value: unknown): value is { id: number } => typeof value === "object" && value !== null && "id" in value && typeof value.id === "number";

/** The fixture, moved to the emulator's conversation. */
function inInbox(body: Record<string, unknown>): Record<string, unknown> {
  const { conversation } = body;
  if (conversation) {
    if (!withId(conversation)) throw new Error("a message fixture's conversation has a numeric id");
    conversation.id = conversationFor(conversation.id);
  } else if (typeof body.event === "string" && body.event.startsWith("conversation_")) {
    if (!withId(body)) throw new Error("a conversation fixture has a numeric id");
    body.id = conversationFor(body.id);
  }
  inbox.reset();
  return body;
}

/** Posts a fixture, runs the queue, and returns what went out to the inbox as "METHOD path". */
async function deliver(body: Record<string, unknown>) {
  const res = await postWebhook(t, bot.webhookPath, inInbox(body));
  await t.settle();
  return { res, sent: presenceFirst(inbox.calls()).map((c) => c.call) };
}

/** The two presence reads go out together, before the handover, and either may be answered first. */
function presenceFirst(calls: RecordedCall[]): RecordedCall[] {
  const isPresence = (c: RecordedCall) => /^GET \/(teams\/\d+\/team_members|inbox_members\/)/.test(c.call);
  return [...calls.filter(isPresence).sort((a, b) => a.call.localeCompare(b.call)), ...calls.filter((c) => !isPresence(c))];
}

describe("every inbox fixture through the webhook", () => {
  it("has a test for each fixture", () => {
    expect(fixtureNames).toHaveLength(8);
  });

  it("incoming WhatsApp text in a bot-owned conversation: hands over to Cards (message → assignment → note → open)", async () => {
    const { res, sent } = await deliver(fixture("message_created.incoming_text.whatsapp"));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    const id = conversationFor(42);
    expect(sent).toEqual([
      "GET /inbox_members/3",
      "GET /teams/2/team_members",
      `POST /conversations/${String(id)}/messages`,
      `POST /conversations/${String(id)}/assignments`,
      `GET /conversations/${String(id)}`,
      `POST /conversations/${String(id)}/custom_attributes`,
      `POST /conversations/${String(id)}/messages`,
      `POST /conversations/${String(id)}/toggle_status`,
    ]);
    const [members, team, handover, assignment, , attributes, note, toggle] = presenceFirst(inbox.calls());
    expect([team?.caller, members?.caller]).toEqual([inbox.callers.admin, inbox.callers.admin]);
    expect(handover?.body).toEqual({
      content: "Mohon tunggu sebentar, kami sedang menghubungkan Anda dengan tim Cards.",
      content_attributes: { switchboard_send: expect.stringMatching(/^\d+\.0$/) },
    });
    expect(handover?.caller).toBe(inbox.callers.bot);
    expect(assignment?.body).toEqual({ team_id: 2 });
    expect(attributes?.body).toEqual({
      custom_attributes: { switchboard_division: "Cards", switchboard_confidence: expect.any(Number), switchboard_reason: expect.any(String) },
    });
    expect(note?.body).toMatchObject({ private: true });
    expect(note?.body?.content).toContain("kartu kredit saya terblokir");
    expect(toggle?.body).toEqual({ status: "open" });
    expect(inbox.calls().every((c) => c.status === 200)).toBe(true);
    expect(inbox.emulator.conversation({ conversationId: id })).toMatchObject({ status: "open", teamId: 2 });

    const conversation = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(id)}`), getConversationRoute, 200);
    expect(conversation).toMatchObject({ owner: "human", handedOverTo: bot.divisions.cards, teamId: 2 });
    expect(conversation.decisions).toHaveLength(1);
    expect(conversation.decisions[0]).toMatchObject({ route: "handover", divisionId: bot.divisions.cards, source: "fallback" });
  });

  it("the bot's own input_select echo: recorded, nothing sent", async () => {
    const { res, sent } = await deliver(fixture("message_created.outgoing_bot_input_select.whatsapp"));
    expect(res.body).toEqual({ status: "accepted", kind: "echo" });
    expect(sent).toEqual([]);
  });

  it("WhatsApp quick-reply tap 'Bicara dengan CS' in a pending conversation: the human intent hands over to the default division", async () => {
    const body = fixture("message_created.incoming_quick_reply.whatsapp");
    body.conversation.id = 142;
    const { sent } = await deliver(body);
    const id = conversationFor(142);
    expect(sent).toEqual([
      "GET /inbox_members/3",
      "GET /teams/4/team_members",
      `POST /conversations/${String(id)}/messages`,
      `POST /conversations/${String(id)}/assignments`,
      `GET /conversations/${String(id)}`,
      `POST /conversations/${String(id)}/custom_attributes`,
      `POST /conversations/${String(id)}/messages`,
      `POST /conversations/${String(id)}/toggle_status`,
    ]);
    expect(presenceFirst(inbox.calls())[3]?.body).toEqual({ team_id: 4 });
  });

  it("web-widget input_select submission (message_updated): routed as the customer's choice", async () => {
    const { res, sent } = await deliver(fixture("message_updated.input_select_submitted.webwidget"));
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    expect(sent).toEqual([`POST /conversations/${String(conversationFor(57))}/messages`]);
    const conversation = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationFor(57))}`), getConversationRoute, 200);
    expect(conversation.decisions[0]).toMatchObject({ route: "bot_reply", text: "Pengajuan KPR" });
  });

  it("conversation opened to humans: state only, nothing sent", async () => {
    const { res, sent } = await deliver(fixture("conversation_status_changed.bot_handoff_open"));
    expect(res.body).toEqual({ status: "accepted", kind: "status" });
    expect(sent).toEqual([]);
    const conversation = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationFor(42))}`), getConversationRoute, 200);
    expect(conversation).toMatchObject({ inboxStatus: "open", owner: "human" });
  });

  it("an agent's private note: recorded, nothing sent", async () => {
    const { res, sent } = await deliver(fixture("message_created.private_note"));
    expect(res.body).toEqual({ status: "accepted", kind: "private_note" });
    expect(sent).toEqual([]);
  });

  it("webwidget_triggered: acknowledged and ignored", async () => {
    const { res, sent } = await deliver(fixture("webwidget_triggered.new_visitor"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ignored" });
    expect(sent).toEqual([]);
  });

  it("legacy 2021 shape (status 'bot', sender.type contact): a turn like any other", async () => {
    const { res, sent } = await deliver(fixture("message_created.incoming_text.legacy_v1_18"));
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    const id = conversationFor(77);
    expect(sent[0]).toBe(`POST /conversations/${String(id)}/messages`);
    expect(sent).toContain(`POST /conversations/${String(id)}/toggle_status`);
  });

  it("an incoming message in a conversation a human owns: recorded, nothing sent", async () => {
    const body = fixture("message_created.incoming_text.whatsapp");
    body.id = 9999;
    body.conversation.id = 4343;
    body.conversation.status = "open";
    // An agent took it in the inbox: open, and (Chatwoot assigns an agent who opens) assigned to them.
    inbox.emulator.agentOpens({ conversationId: conversationFor(4343) });
    expect(inbox.emulator.conversation({ conversationId: conversationFor(4343) })).toMatchObject({ status: "open", assigneeId: 12, assigneeAgentBotId: null });
    body.conversation.meta.assignee = {
      id: 12,
      name: "Dimas Pratama",
      available_name: "Dimas Pratama",
      avatar_url: "",
      type: "user",
      availability_status: "online",
      thumbnail: "",
    };
    body.conversation.meta.assignee_type = "User";
    const { res, sent } = await deliver(body);
    // The webhook stores what the customer said; who owns the conversation is decided on the queue.
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    expect(sent).toEqual([]);
    const conversation = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationFor(4343))}`), getConversationRoute, 200);
    expect(conversation).toMatchObject({ owner: "human", ownerReason: "status", history: [{ role: "customer" }] });
  });

  it("a template message (greeting, out-of-office): recorded, nothing sent", async () => {
    const body = fixture("message_created.incoming_text.whatsapp");
    body.id = 9998;
    body.message_type = "template";
    body.sender = null;
    const { res, sent } = await deliver(body);
    expect(res.body).toEqual({ status: "accepted", kind: "template" });
    expect(sent).toEqual([]);
  });

  it("stores deliveries without the websocket pubsub_token", async () => {
    const body = fixture("message_created.incoming_text.whatsapp");
    body.id = 9997;
    body.conversation.id = 4242;
    await deliver(body);
    const { inboxEvents } = await import("../../src/db/schema/inbox-events.js");
    const rows = await t.db.select().from(inboxEvents);
    expect(JSON.stringify(rows)).not.toContain("PLACEHOLDERpubsubToken");
  });
});
