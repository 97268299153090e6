import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixture, fixtureNames } from "../fixtures/omnichat/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
useMswServer(...inbox.handlers);

let t: TestApp;
let bot: TestBot;
beforeAll(async () => {
  t = await createTestApp();
  bot = await createRoutingBot(t);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  inbox.reset();
});

/** Posts a fixture, runs the queue, and returns what went out to the inbox as "METHOD path". */
async function deliver(body: unknown) {
  const res = await postWebhook(t, bot.webhookPath, body);
  await t.settle();
  return { res, sent: inbox.calls.map((c) => `${c.method} ${c.path}`) };
}

describe("every inbox fixture through the webhook", () => {
  it("has a test for each fixture", () => {
    expect(fixtureNames).toHaveLength(8);
  });

  it("incoming WhatsApp text in a bot-owned conversation: hands over to Cards (message → assignment → note → open)", async () => {
    const { res, sent } = await deliver(fixture("message_created.incoming_text.whatsapp"));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    expect(sent).toEqual([
      "GET /teams/2/team_members",
      "POST /conversations/42/messages",
      "POST /conversations/42/assignments",
      "POST /conversations/42/messages",
      "POST /conversations/42/toggle_status",
    ]);
    const [presence, handover, assignment, note, toggle] = inbox.calls;
    expect(presence?.token).toBe("admin-token-secret-1");
    expect(handover?.body).toEqual({
      content: "Mohon tunggu sebentar, kami sedang menghubungkan Anda dengan tim Cards.",
      content_attributes: { switchboard_send: expect.stringMatching(/^\d+\.0$/) },
    });
    expect(handover?.token).toBe("bot-token-secret-1");
    expect(assignment?.body).toEqual({ team_id: 2 });
    expect(note?.body).toMatchObject({ private: true });
    expect((note?.body as Json).content).toContain("kartu kredit saya terblokir");
    expect(toggle?.body).toEqual({ status: "open" });

    const conversation = (await t.request("GET", `/v1/bots/${bot.id}/conversations/42`)).body as Json;
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
    expect(sent).toEqual([
      "GET /teams/4/team_members",
      "POST /conversations/142/messages",
      "POST /conversations/142/assignments",
      "POST /conversations/142/messages",
      "POST /conversations/142/toggle_status",
    ]);
    expect(inbox.calls[2]?.body).toEqual({ team_id: 4 });
  });

  it("web-widget input_select submission (message_updated): routed as the customer's choice", async () => {
    const { res, sent } = await deliver(fixture("message_updated.input_select_submitted.webwidget"));
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    expect(sent).toEqual(["POST /conversations/57/messages"]);
    const conversation = (await t.request("GET", `/v1/bots/${bot.id}/conversations/57`)).body as Json;
    expect(conversation.decisions[0]).toMatchObject({ route: "bot_reply", text: "Pengajuan KPR" });
  });

  it("conversation opened to humans: state only, nothing sent", async () => {
    const { res, sent } = await deliver(fixture("conversation_status_changed.bot_handoff_open"));
    expect(res.body).toEqual({ status: "accepted", kind: "status" });
    expect(sent).toEqual([]);
    const conversation = (await t.request("GET", `/v1/bots/${bot.id}/conversations/42`)).body as Json;
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
    expect(sent[0]).toBe("POST /conversations/77/messages");
    expect(sent).toContain("POST /conversations/77/toggle_status");
  });

  it("an incoming message in a conversation a human owns: recorded, nothing sent", async () => {
    const body = fixture("message_created.incoming_text.whatsapp");
    body.id = 9999;
    body.conversation.id = 4343;
    body.conversation.status = "open";
    // Opened to humans: Chatwoot's bot_handoff! clears the bot assignee the fixture (4.16.2) shows.
    body.conversation.meta.assignee = null;
    body.conversation.meta.assignee_type = null;
    const { res, sent } = await deliver(body);
    // The webhook stores what the customer said; who owns the conversation is decided on the queue.
    expect(res.body).toEqual({ status: "accepted", kind: "turn" });
    expect(sent).toEqual([]);
    const conversation = (await t.request("GET", `/v1/bots/${bot.id}/conversations/4343`)).body as Json;
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
