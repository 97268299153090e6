import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { incomingText, statusEvent } from "../fixtures/omnichat/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
useMswServer(...inbox.handlers);

let t: TestApp;
let front: TestBot; // the inbox's agent bot: a general Bank ABC bot
let cards: TestBot; // a specialist bot of the same inbox
/** The front bot's router flow: one keyword moves the conversation with the given actions. */
const putRouter = (keyword: string, actions: Json[]) =>
  t.request("PUT", `/v1/bots/${front.id}/flows/router`, {
    body: {
      name: "Router",
      intents: [{ name: "go", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword }] }] }],
      states: [
        { name: "start", initial: true, transitions: [{ to: "move", condition: 'intent == "go"' }] },
        { name: "move", end: true, actions },
      ],
    },
  });

beforeAll(async () => {
  t = await createTestApp();
  cards = await createRoutingBot(t, { name: "Kartu Bot" });
  front = await createRoutingBot(t, { name: "Front Bot", signingSecret: undefined });
  await t.request("PUT", `/v1/bots/${cards.id}/settings`, { body: { defaultDivisionId: cards.divisions.complaints, fallbackReply: "Asisten kartu di sini: boleh diulang pertanyaannya?" } });
  // The specialist greets in its own flow and can hand over to its Cards division.
  await t.request("PUT", `/v1/bots/${cards.id}/flows/welcome`, {
    body: {
      name: "Welcome",
      intents: [{ name: "menu", classifiers: [{ type: "keywords", keywords: [{ keyword: "satu" }] }] }],
      states: [
        { name: "hello", initial: true, selfTransition: true, actions: [{ type: "text", variants: ["Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."] }], transitions: [{ to: "agent", condition: 'content == "1"' }] },
        { name: "agent", end: true, actions: [{ type: "handover", divisionId: cards.divisions.cards }] },
      ],
    },
  });
  await putRouter("asisten kartu", [{ type: "text", variants: ["Saya sambungkan ke asisten kartu."] }, { type: "botHandover", botId: cards.id, flowId: "welcome", variables: { topic: "kartu" } }]);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  inbox.reset();
});

describe("bot-to-bot handover", () => {
  it("moves the conversation to the other bot with variables carried, and that bot answers from then on", async () => {
    const say = (text: string) => t.request("POST", `/v1/bots/${front.id}/simulate`, { body: { conversationId: 1, text } }).then((r) => r.body as Json);
    const moved = await say("mau ke asisten kartu");
    expect(moved.messages.map((m: Json) => m.content)).toEqual(["Saya sambungkan ke asisten kartu.", "Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."]);
    expect(moved.decision.outcome.answeredBy).toBe(cards.id);
    expect(moved.conversation.flowState).toMatchObject({ flowId: "welcome", state: "hello", variables: { originBot: front.id, topic: "kartu" } });
    const next = await say("hmm");
    expect(next.messages.map((m: Json) => m.content)).toEqual(["Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."]);
    const handover = await say("1");
    expect(handover.decision).toMatchObject({ route: "handover", divisionId: cards.divisions.cards });
    const state = (await t.request("GET", `/v1/bots/${front.id}/conversations/1`)).body as Json;
    expect(state.history.map((h: Json) => h.text)).toContain("mau ke asisten kartu"); // one transcript
  });

  it("refuses a bot of another inbox and stays put", async () => {
    const other = (await t.request("POST", "/v1/bots", { body: botBody({ name: "Elsewhere", omnichat: { ...botBody().omnichat, inboxId: 99 } }) })).body as Json;
    await putRouter("pindah", [{ type: "botHandover", botId: other.id }]);
    const out = (await t.request("POST", `/v1/bots/${front.id}/simulate`, { body: { conversationId: 2, text: "pindah" } })).body as Json;
    expect(out.decision.reason).toContain("refused: it serves another inbox");
    expect(out.decision.outcome.answeredBy).toBeUndefined();
  });

  it("after a human hands back, the customer returns to the last bot", async () => {
    await putRouter("asisten kartu", [{ type: "botHandover", botId: cards.id, flowId: "welcome" }]);
    const path = front.webhookPath;
    await postWebhook(t, path, incomingText({ text: "asisten kartu dong", conversationId: 31, messageId: 3101 }));
    await postWebhook(t, path, incomingText({ text: "1", conversationId: 31, messageId: 3102 }));
    await t.settle();
    expect(inbox.callsFor(31).map((c) => c.path.split("/").pop())).toEqual(["messages", "messages", "assignments", "messages", "toggle_status"]);
    // The agent is done and sets the conversation back to pending: the bot owns it again.
    await postWebhook(t, path, statusEvent({ conversationId: 31, status: "pending", updatedAt: 1768444400 }));
    inbox.reset();
    await postWebhook(t, path, incomingText({ text: "halo lagi", conversationId: 31, messageId: 3103, status: "pending" }));
    await t.settle();
    // The specialist answers (its own default reply), not the front bot.
    expect(inbox.callsFor(31).map((c) => (c.body as Json).content)).toEqual(["Asisten kartu di sini: boleh diulang pertanyaannya?"]);
  });
});
