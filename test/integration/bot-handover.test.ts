import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { botBody } from "../fixtures/bots.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import type { TestApp } from "../harness/test-app.js";

let app: E2eApp;
let t: TestApp;
let inbox: TestInbox;
let front: TestBot; // the inbox's agent bot: a general Bank ABC bot
let cards: TestBot; // a specialist bot of the same inbox
/** The front bot's router flow: one keyword moves the conversation with the given actions. */
const putRouter = (keyword: string, actions: Record<string, unknown>[]) =>
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
  app = await createE2eApp();
  t = app.t;
  inbox = await startInbox(t.clock);
  // Both bots serve the same inbox; the inbox's agent bot delivers to the front bot.
  cards = await createRoutingBot(t, { name: "Kartu Bot", omnichat: inbox.credentials() });
  front = await createRoutingBot(t, { name: "Front Bot", omnichat: inbox.credentials() });
  inbox.deliverTo(app, front.webhookPath);
  await t.request("PUT", `/v1/bots/${cards.id}/settings`, {
    body: { defaultDivisionId: cards.divisions.complaints, fallbackReply: "Asisten kartu di sini: boleh diulang pertanyaannya?" },
  });
  // The specialist greets in its own flow and can hand over to its Cards division.
  await t.request("PUT", `/v1/bots/${cards.id}/flows/welcome`, {
    body: {
      name: "Welcome",
      intents: [{ name: "menu", classifiers: [{ type: "keywords", keywords: [{ keyword: "satu" }] }] }],
      states: [
        {
          name: "hello",
          initial: true,
          selfTransition: true,
          actions: [{ type: "text", variants: ["Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."] }],
          transitions: [{ to: "agent", condition: 'content == "1"' }],
        },
        { name: "agent", end: true, actions: [{ type: "handover", divisionId: cards.divisions.cards }] },
      ],
    },
  });
  await putRouter("asisten kartu", [
    { type: "text", variants: ["Saya sambungkan ke asisten kartu."] },
    { type: "botHandover", botId: cards.id, flowId: "welcome", variables: { topic: "kartu" } },
  ]);
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  inbox.reset();
});

describe("bot-to-bot handover", () => {
  it("moves the conversation to the other bot with variables carried, and that bot answers from then on", async () => {
    const say = async (text: string) =>
      bodyOf(await t.request("POST", `/v1/bots/${front.id}/simulate`, { body: { conversationId: 9001, text } }), simulateTurnRoute, 200);
    const moved = await say("mau ke asisten kartu");
    expect(moved.messages.map((m) => m.content)).toEqual(["Saya sambungkan ke asisten kartu.", "Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."]);
    expect(moved.decision?.outcome.answeredBy).toBe(cards.id);
    expect(moved.conversation.flowState).toMatchObject({ flowId: "welcome", state: "hello", variables: { originBot: front.id, topic: "kartu" } });
    const next = await say("hmm");
    expect(next.messages.map((m) => m.content)).toEqual(["Halo, ini asisten kartu. Ketik 1 untuk petugas kartu."]);
    const handover = await say("1");
    expect(handover.decision).toMatchObject({ route: "handover", divisionId: cards.divisions.cards });
    const state = bodyOf(await t.request("GET", `/v1/bots/${front.id}/conversations/9001`), getConversationRoute, 200);
    expect(state.history.map((h) => h.text)).toContain("mau ke asisten kartu"); // one transcript
  });

  it("refuses a bot of another inbox and stays put", async () => {
    const other = bodyOf(
      await t.request("POST", "/v1/bots", { body: botBody({ name: "Elsewhere", omnichat: inbox.credentials({ inboxId: 99 }) }) }),
      createBotRoute,
      201,
    );
    await putRouter("pindah", [{ type: "botHandover", botId: other.id }]);
    const out = bodyOf(await t.request("POST", `/v1/bots/${front.id}/simulate`, { body: { conversationId: 9002, text: "pindah" } }), simulateTurnRoute, 200);
    expect(out.decision?.reason).toContain("refused: it serves another inbox");
    expect(out.decision?.outcome.answeredBy).toBeUndefined();
  });

  it("after a human hands back, the customer returns to the last bot", async () => {
    await putRouter("asisten kartu", [{ type: "botHandover", botId: cards.id, flowId: "welcome" }]);
    const { conversationId } = inbox.emulator.customerSays("asisten kartu dong");
    await app.settle();
    inbox.emulator.customerSays("1");
    await app.settle();
    expect(inbox.callsFor(conversationId).map((c) => c.call)).toEqual([
      "POST messages",
      "POST messages",
      "POST assignments",
      `GET ${String(conversationId)}`,
      "POST custom_attributes",
      "POST messages",
      "POST toggle_status",
    ]);
    expect(inbox.emulator.conversation({ conversationId })).toMatchObject({ status: "open", teamId: 2 });
    // The agent is done and sets the conversation back to pending: the bot owns it again.
    inbox.emulator.agentSetsPending({ conversationId });
    await app.settle();
    inbox.reset();
    inbox.emulator.customerSays("halo lagi");
    await app.settle();
    // The specialist answers (its own default reply), not the front bot.
    expect(inbox.callsFor(conversationId).map((c) => c.body?.content)).toEqual(["Asisten kartu di sini: boleh diulang pertanyaannya?"]);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });
});
