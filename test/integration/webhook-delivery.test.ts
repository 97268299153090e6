import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signBody } from "../../src/omnichat/signature.js";
import { botBody } from "../fixtures/bots.js";
import { botEcho, incomingText, statusEvent } from "../fixtures/omnichat/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
useMswServer(...inbox.handlers);

let t: TestApp;
let bot: TestBot;
let conversation = 1000;
let message = 50_000;
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

const nextTurn = (text = "halo, mau tanya saldo") => incomingText({ conversationId: ++conversation, messageId: ++message, text });
const messagesTo = (id: number) => inbox.callsFor(id).filter((c) => c.path.endsWith("/messages"));

describe("webhook authentication", () => {
  it("rejects a wrong token, an unknown bot and a missing token segment with 401 and no body", async () => {
    const wrong = bot.webhookPath.replace(/[^/]+$/, "x".repeat(43));
    for (const path of [wrong, `/webhooks/omnichat/bot_unknown/${"y".repeat(43)}`]) {
      const res = await postWebhook(t, path, nextTurn());
      expect(res.status).toBe(401);
      expect(res.text).toBe("");
    }
    expect((await postWebhook(t, `/webhooks/omnichat/${bot.id}`, nextTurn())).status).toBe(404);
  });

  describe("with a signing secret", () => {
    let signed: string;
    const secret = "whsec-test-secret-123";
    beforeAll(async () => {
      const created = (await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: secret }) })).body as Json;
      signed = new URL(created.webhookUrl).pathname;
    });
    const now = () => Math.floor(t.clock.now().toSeconds());
    const send = (body: unknown, headers: Record<string, string>) =>
      t.request("POST", signed, { raw: JSON.stringify(body), headers: { "content-type": "application/json", ...headers }, token: null });

    it("accepts a valid signature over '<timestamp>.<raw body>'", async () => {
      const body = nextTurn();
      const ts = now();
      const res = await send(body, { "x-chatwoot-timestamp": String(ts), "x-chatwoot-signature": signBody(secret, ts, JSON.stringify(body)) });
      expect(res.status).toBe(200);
    });

    it("rejects a missing signature, a bad one, and a stale or future timestamp with 401 and no body", async () => {
      const body = nextTurn();
      const raw = JSON.stringify(body);
      const ts = now();
      const cases: Record<string, string>[] = [
        {},
        { "x-chatwoot-timestamp": String(ts) },
        { "x-chatwoot-timestamp": String(ts), "x-chatwoot-signature": signBody("other-secret", ts, raw) },
        { "x-chatwoot-timestamp": String(ts), "x-chatwoot-signature": signBody(secret, ts, `${raw} `) },
        { "x-chatwoot-timestamp": String(ts - 301), "x-chatwoot-signature": signBody(secret, ts - 301, raw) },
        { "x-chatwoot-timestamp": String(ts + 301), "x-chatwoot-signature": signBody(secret, ts + 301, raw) },
        { "x-chatwoot-timestamp": "soon", "x-chatwoot-signature": signBody(secret, ts, raw) },
      ];
      for (const headers of cases) {
        const res = await send(body, headers);
        expect({ headers, status: res.status, text: res.text }).toEqual({ headers, status: 401, text: "" });
      }
    });
  });

  it("answers non-JSON with 400 and an oversized body with 413", async () => {
    const bad = await t.request("POST", bot.webhookPath, { raw: "{not json", headers: { "content-type": "application/json" }, token: null });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "malformed_json" });
    const big = nextTurn("x".repeat(1024 * 1024));
    const res = await postWebhook(t, bot.webhookPath, big);
    expect(res.status).toBe(413);
  });
});

describe("delivery semantics", () => {
  it("answers a delivery repeated three times once", async () => {
    const body = nextTurn();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postWebhook(t, bot.webhookPath, body)).body);
    expect(statuses).toEqual([
      { status: "accepted", kind: "turn" },
      { status: "duplicate", kind: "turn" },
      { status: "duplicate", kind: "turn" },
    ]);
    await t.settle();
    expect(messagesTo(conversation)).toHaveLength(1);
  });

  it("stores a concurrent burst with repeats once per distinct delivery", async () => {
    const distinct = Array.from({ length: 30 }, () => nextTurn());
    const burst = [...distinct, ...distinct.slice(0, 10), ...distinct.slice(0, 5)];
    const answers = await Promise.all(burst.map((body) => postWebhook(t, bot.webhookPath, body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const statuses = answers.map((a) => (a.body as Json).status);
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(30);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(15);
    await t.settle();
    for (const body of distinct) expect(messagesTo(body.conversation.id as number)).toHaveLength(1);
  });

  it("answers each message of a conversation in order", async () => {
    const id = ++conversation;
    for (const text of ["satu", "dua", "tiga"]) {
      await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text }));
    }
    await t.settle();
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state.decisions.map((d: Json) => d.text)).toEqual(["satu", "dua", "tiga"]);
    expect(messagesTo(id)).toHaveLength(3);
  });

  it("delivers each reply exactly once while the inbox fails with 500s and 429s, then recovers", async () => {
    inbox.failNext("messages", "500", "429", "500");
    const body = nextTurn();
    await postWebhook(t, bot.webhookPath, body);
    await t.settle();
    expect(messagesTo(conversation)).toHaveLength(1);
  });

  it("does not send twice when the inbox created the message but the answer timed out (echo arrives)", async () => {
    inbox.setHangMs(600);
    inbox.failNext("messages", "hang-after-create");
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo" }));
    await t.worker.runUntilIdle();
    expect(messagesTo(id)).toHaveLength(1);
    // The inbox echoes the message it created, as Chatwoot does.
    const created = messagesTo(id)[0]?.body as Json;
    await postWebhook(t, bot.webhookPath, botEcho({ conversationId: id, messageId: 777_001, content: created.content }));
    await t.settle();
    expect(messagesTo(id)).toHaveLength(1);
  });

  it("sends again when a timed-out send left no echo (the inbox never created it)", async () => {
    inbox.setHangMs(600);
    inbox.failNext("messages", "hang");
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo" }));
    await t.settle();
    expect(messagesTo(id)).toHaveLength(1);
  });

  it("keeps the handover order through failures: message → assignment → note → open", async () => {
    inbox.failNext("assignments", "503", "500");
    inbox.failNext("toggle_status", "500");
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "kartu kredit saya terblokir" }));
    await t.settle();
    expect(inbox.callsFor(id).map((c) => c.path.split("/").pop())).toEqual(["messages", "assignments", "messages", "toggle_status"]);
  });

  it("dead-letters a reply the inbox keeps rejecting, with the reason, and moves on", async () => {
    inbox.failNext("messages", ...Array<"500">(12).fill("500"));
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo" }));
    await t.settle();
    const { jobs } = await import("../../src/db/schema/jobs.js");
    const dead = (await t.db.select().from(jobs)).filter((j) => j.status === "dead");
    expect(dead).toHaveLength(1);
    expect(dead[0]?.lastError).toContain("500");
    expect(dead[0]?.attempts).toBe(10);
    inbox.reset();
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo lagi" }));
    await t.settle();
    expect(messagesTo(id)).toHaveLength(1);
  });
});

describe("ownership and handback", () => {
  it("stays silent while a human owns the conversation, and resumes cleanly when handed back", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "saya mau komplain" }));
    await t.settle();
    expect(inbox.callsFor(id).map((c) => c.path.split("/").pop())).toContain("toggle_status");
    inbox.reset();

    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "open", updatedAt: 1768444300 }));
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo?", status: "open" }));
    await t.settle();
    expect(inbox.callsFor(id)).toEqual([]);

    // The agent resolves: the bot owns it again, with no stale handover state.
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "resolved", updatedAt: 1768444400 }));
    await t.settle();
    const resolved = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(resolved).toMatchObject({ owner: "bot", handedOverTo: null, inboxStatus: "resolved" });

    const again = incomingText({ conversationId: id, messageId: ++message, text: "mau tanya lagi" });
    again.conversation.updated_at = 1768444500;
    await postWebhook(t, bot.webhookPath, again);
    await t.settle();
    expect(messagesTo(id)).toHaveLength(1);
  });

  it("resumes when an agent sets the conversation back to pending, even if no 'open' event ever arrived", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "saya mau komplain" }));
    await t.settle();
    const handedOver = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(handedOver).toMatchObject({ owner: "human", inboxStatus: "open" });
    inbox.reset();
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "pending", updatedAt: 1768449999 }));
    const back = incomingText({ conversationId: id, messageId: ++message, text: "halo lagi" });
    back.conversation.updated_at = 1768450000;
    await postWebhook(t, bot.webhookPath, back);
    await t.settle();
    expect(messagesTo(id)).toHaveLength(1);
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state).toMatchObject({ owner: "bot", handedOverTo: null, inboxStatus: "pending" });
  });

  it("the echoes of our own handover message and note (still 'pending', newer) never hand it back", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "saya mau komplain" }));
    await t.settle();
    const [handover, note] = messagesTo(id).map((c) => c.body as Json);
    inbox.reset();
    for (const [i, sent] of [handover, note].entries()) {
      const echo = botEcho({ conversationId: id, messageId: ++message, content: sent.content, private: sent.private === true });
      echo.conversation.status = "pending";
      echo.conversation.updated_at = 1768449000 + i;
      await postWebhook(t, bot.webhookPath, echo);
    }
    await t.settle();
    expect(inbox.callsFor(id)).toEqual([]);
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state).toMatchObject({ owner: "human", ownerReason: "handover", inboxStatus: "open" });
  });

  it("an agent's public reply in a pending conversation silences the bot until it is handed back", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: id, messageId: ++message, text: "halo, mau tanya saldo" }));
    await t.settle();
    inbox.reset();
    const agent = botEcho({ conversationId: id, messageId: ++message, content: "Halo, saya Dimas dari CS, ada yang bisa dibantu?" });
    agent.sender = { id: 12, name: "Dimas", email: "dimas@bank.example", type: "user" };
    agent.conversation.status = "pending";
    agent.conversation.updated_at = 1768449500;
    await postWebhook(t, bot.webhookPath, agent);
    const next = incomingText({ conversationId: id, messageId: ++message, text: "kartu kredit saya terblokir" });
    next.conversation.updated_at = 1768449600;
    await postWebhook(t, bot.webhookPath, next);
    await t.settle();
    expect(inbox.callsFor(id)).toEqual([]);
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state).toMatchObject({ owner: "human", ownerReason: "agent_reply" });
    expect(state.history.map((h: Json) => h.role)).toEqual(["customer", "bot", "agent", "customer"]);
  });

  it("a stale snapshot delivered late does not undo a newer status", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "open", updatedAt: 1768445000 }));
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "pending", updatedAt: 1768444000 }));
    await t.settle();
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state).toMatchObject({ owner: "human", inboxStatus: "open" });
  });

  it("an agent setting the conversation back to pending hands it back", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "open", updatedAt: 1768445000 }));
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "pending", updatedAt: 1768446000 }));
    await t.settle();
    const state = (await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`)).body as Json;
    expect(state).toMatchObject({ owner: "bot", inboxStatus: "pending" });
  });
});
