import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { InboxClient } from "../../src/inbox/inbox-client.js";
import { createInboxFacts } from "../../src/services/inbox/inbox-facts.js";
import { fixedClock } from "../../src/time/clock.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createLlmMock, openAiBaseUrl } from "../msw/llm.js";
import { useMswServer } from "../msw/server.js";

// The bot "typing" in Chatwoot's web widget while the LLM decides (toggle_typing_status, which an
// agent bot may call from Chatwoot 4.11.2): on before the model answers, off after the reply.

const llm = createLlmMock();
useMswServer(...llm.handlers);

let app: E2eApp;
beforeAll(async () => {
  app = await createE2eApp({ llm: { provider: "openai", baseUrl: openAiBaseUrl, deadlineMs: 5000, breakAfter: 1000 } });
});
afterAll(async () => {
  await app.close();
});

const reply = "Halo! Ada yang bisa kami bantu?";

/** The model answers once the widget shows the bot typing (or after a second); says whether it did. */
function modelWatching(inbox: TestInbox): { sawTyping: () => boolean | null } {
  let saw: boolean | null = null;
  llm.reset();
  llm.answerWith(async () => {
    const until = Date.now() + 1000;
    while (Date.now() < until && !inbox.emulator.store.typing.some((b) => b.status === "on")) await new Promise((r) => setTimeout(r, 10));
    saw = inbox.emulator.conversation().agentTyping;
    return { action: "bot_reply", division_id: null, confidence: 0.9, reason: "greeting", reply };
  });
  return { sawTyping: () => saw };
}

async function setUp(profile: ProfileName): Promise<{ inbox: TestInbox; bot: TestBot }> {
  const inbox = await startInbox(app.t.clock, { profile, world: { channel: "Channel::WebWidget" } });
  const bot = await createRoutingBot(app.t, { omnichat: inbox.credentials() });
  inbox.deliverTo(app, bot.webhookPath);
  return { inbox, bot };
}

const typingCalls = (inbox: TestInbox, conversationId: number) =>
  inbox
    .callsFor(conversationId)
    .filter((c) => c.call === "POST toggle_typing_status")
    .map((c) => [c.body?.typing_status, c.caller, c.status]);

describe("while the LLM decides", () => {
  it.each(["4.9-4.12", "current"] as const)("shows the bot typing, then the reply, then stops (%s)", async (profile) => {
    const { inbox } = await setUp(profile);
    const model = modelWatching(inbox);
    const { conversationId } = inbox.emulator.customerSays("selamat pagi");
    await app.settle();
    expect(model.sawTyping()).toBe(true);
    expect(inbox.emulator.transcript().map((m) => [m.from, m.text])).toEqual([
      ["customer", "selamat pagi"],
      ["bot", reply],
    ]);
    expect(inbox.callsFor(conversationId).map((c) => c.call)).toEqual(["POST toggle_typing_status", "POST messages", "POST toggle_typing_status"]);
    expect(typingCalls(inbox, conversationId)).toEqual([
      ["on", inbox.callers.bot, 200],
      ["off", inbox.callers.bot, 200],
    ]);
    expect(inbox.emulator.conversation({ conversationId }).agentTyping).toBe(false);
    // The typing events reach the widget only: the bot received none.
    expect(inbox.emulator.deliveries.list().some((d) => d.event.startsWith("conversation_typing"))).toBe(false);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });

  it("is not sent to Chatwoot before 4.11.2, where a bot may not (v1.18)", async () => {
    const { inbox } = await setUp("legacy");
    const model = modelWatching(inbox);
    const { conversationId } = inbox.emulator.customerSays("selamat pagi");
    await app.settle();
    expect(model.sawTyping()).toBe(false);
    expect(inbox.emulator.transcript().at(-1)?.text).toBe(reply);
    expect(typingCalls(inbox, conversationId)).toEqual([]);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });

  it("is not sent when the setting is off", async () => {
    const { inbox, bot } = await setUp("current");
    await app.t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, inbox: { typingIndicator: false } } });
    modelWatching(inbox);
    const { conversationId } = inbox.emulator.customerSays("selamat pagi");
    await app.settle();
    expect(inbox.emulator.transcript().at(-1)?.text).toBe(reply);
    expect(typingCalls(inbox, conversationId)).toEqual([]);
  });

  it("is not sent for a turn decided without the LLM ('talk to a human')", async () => {
    const { inbox } = await setUp("current");
    llm.reset();
    const { conversationId } = inbox.emulator.customerSays("saya mau bicara dengan cs");
    await app.settle();
    expect(llm.requests).toHaveLength(0);
    expect(inbox.emulator.conversation({ conversationId }).status).toBe("open");
    expect(typingCalls(inbox, conversationId)).toEqual([]);
  });

  it("never holds up the reply or fails the turn when the inbox does not answer it", async () => {
    const { inbox, bot } = await setUp("current");
    modelWatching(inbox);
    inbox.emulator.failNextApiCalls("/toggle_typing_status", "hang");
    let typingAnsweredBeforeReply: boolean | null = null;
    inbox.emulator.beforeNextApiCall(/POST .*\/messages$/, () => {
      typingAnsweredBeforeReply = inbox.emulator.apiCalls.some((c) => c.path.endsWith("/toggle_typing_status"));
    });
    const { conversationId } = inbox.emulator.customerSays("selamat pagi");
    await app.settle();
    // The reply went out while "on" was still hanging (a hung call is logged only when it ends).
    expect(typingAnsweredBeforeReply).toBe(false);
    expect(inbox.emulator.transcript().at(-1)?.text).toBe(reply);
    const conversation = bodyOf(await app.t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationId)}`), getConversationRoute, 200);
    expect(conversation.failedActions).toEqual([]);
    expect(conversation.decisions.at(-1)).toMatchObject({ route: "bot_reply", source: "llm" });
  });
});

describe("an inbox of unknown version", () => {
  it("may be asked, and once it refuses it is not asked again", async () => {
    const facts = createInboxFacts({ clock: fixedClock("2026-01-15T02:30:00.000Z"), logger: pino({ level: "silent" }) });
    const unreachable = new InboxClient({ baseUrl: "http://127.0.0.1:9", accountId: 1, botToken: "t", adminToken: null }, { retries: 0 });
    expect(await facts.has(unreachable, "botTyping")).toBe(true);
    facts.refused(unreachable, "botTyping");
    expect(await facts.has(unreachable, "botTyping")).toBe(false);
    expect(await facts.has(unreachable, "customAttributes")).toBe(true);
  });
});
