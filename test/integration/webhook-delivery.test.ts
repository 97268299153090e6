import { beforeAll, describe, expect, it } from "vitest";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { signBody } from "../../src/inbox/signature.js";
import { botBody } from "../fixtures/bots.js";
import { incomingText, statusEvent } from "../fixtures/chatwoot/index.js";
import { postWebhook, type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import type { TestApp } from "../harness/test-app.js";
let t: TestApp;
let bot: TestBot;
let conversation = 1000;
let message = 50_000;
useAppWithRoutingBot((app, created) => {
  t = app;
  bot = created;
});

const nextTurn = (text = "halo, mau tanya saldo") => incomingText({ conversationId: ++conversation, messageId: ++message, text });

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
      const created = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: secret }) }), createBotRoute, 201);
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

// Ownership from status snapshots alone; the conversations with sends run end to end against the
// Chatwoot emulator (test/e2e), and every transition of the state machine has a unit test.
describe("ownership from status snapshots", () => {
  it("a stale snapshot delivered late does not undo a newer status", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "open", updatedAt: 1768445000 }));
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "pending", updatedAt: 1768444000 }));
    await t.settle();
    const state = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`), getConversationRoute, 200);
    expect(state).toMatchObject({ owner: "human", inboxStatus: "open" });
  });

  it("an agent setting the conversation back to pending hands it back", async () => {
    const id = ++conversation;
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "open", updatedAt: 1768445000 }));
    await postWebhook(t, bot.webhookPath, statusEvent({ conversationId: id, status: "pending", updatedAt: 1768446000 }));
    await t.settle();
    const state = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${id}`), getConversationRoute, 200);
    expect(state).toMatchObject({ owner: "bot", inboxStatus: "pending" });
  });
});
