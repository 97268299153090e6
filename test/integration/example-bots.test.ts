import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { actionText, exampleBot, readExampleBot } from "../fixtures/flows.js";
import { type BodyAt, bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import type { TestApp } from "../harness/test-app.js";

const simpleFile = "bank-abc-simple.json";
const instagramFile = "bank-abc-instagram.json";
const simpleDoc = exampleBot(simpleFile);
const instagramDoc = exampleBot(instagramFile);
/** The text of a flow action by name, straight from the shipped example (the tutorial's words). */
const said = actionText;

let app: E2eApp;
let t: TestApp;
/** A WhatsApp inbox and a web-widget inbox; agents of Complaints (team 1) are online in both. */
let whatsapp: TestInbox;
let widget: TestInbox;
let conversation = 2000;
beforeAll(async () => {
  app = await createE2eApp(); // Thursday 09:30 in Jakarta: inside the example's office hours
  t = app.t;
  whatsapp = await startInbox(t.clock);
  widget = await startInbox(t.clock, { world: { channel: "Channel::WebWidget" } });
});
afterAll(async () => {
  await app.close();
  await whatsapp.close();
  await widget.close();
});
beforeEach(() => {
  whatsapp.reset();
  widget.reset();
});

/** Imports the shipped file as it is, connected to the inbox. */
async function importBot(file: string, inbox: TestInbox = whatsapp) {
  const doc = z.record(z.string(), z.unknown()).parse(readExampleBot(file));
  return bodyOf(await t.request("POST", "/v1/bots/import", { body: { ...doc, omnichat: inbox.credentials() } }), importBotRoute, 201);
}

/** A conversation with the emulator: each call is one customer turn. */
function chat(botId: string, channel = "Channel::WebWidget") {
  const id = ++conversation;
  return async (text: string, extra: Record<string, unknown> = {}) => {
    const res = await t.request("POST", `/v1/bots/${botId}/simulate`, { body: { conversationId: id, text, channel, ...extra } });
    return bodyOf(res, simulateTurnRoute, 200);
  };
}

const texts = (out: BodyAt<typeof simulateTurnRoute, 200>) => out.messages.map((m) => m.content);

describe("Bank ABC simple bot (kata-simple-bot-handover-tutorial)", () => {
  let bot: BodyAt<typeof importBotRoute, 201>;
  beforeAll(async () => {
    bot = await importBot(simpleFile);
  });

  it("greets, repeats the question on an invalid answer, and '1' hands over to CS", async () => {
    const say = chat(bot.id);
    const greeting = await say("halo");
    expect(texts(greeting)).toEqual([said(simpleDoc, "greetings")]);
    expect(greeting.decision).toMatchObject({ route: "flow", source: "flow" });
    expect(texts(await say("hmm apa ya"))).toEqual([said(simpleDoc, "greetings")]);
    const handover = await say("1");
    expect(handover.decision).toMatchObject({ route: "handover", source: "flow", divisionId: bot.divisionIds.complaints });
    // The flow's own "please wait" replaces the settings' handover message.
    expect(handover.actions.map((a) => a.action)).toEqual(["message", "assign_team", "custom_attributes", "message", "toggle_status"]);
    expect(handover.actions[0]).toMatchObject({
      action: "message",
      message: { content: "Mohon menunggu, ya. Sedang kami hubungkan ke CS Bank ABC yang tersedia! 😊" },
    });
    expect(handover.actions[1]).toEqual({ action: "assign_team", teamId: 1 });
    expect(handover.conversation).toMatchObject({ owner: "human", flowState: null });
  });

  it("hands a fraud report to Fraud & Keamanan as urgent in the inbox", async () => {
    const out = await chat(bot.id)("ada penipuan, saldo saya berkurang");
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.divisionIds.fraud });
    expect(out.actions).toContainEqual({ action: "priority", priority: "urgent" });
  });

  it("'2' ends the session", async () => {
    const say = chat(bot.id);
    await say("selamat pagi");
    const bye = await say("2");
    expect(texts(bye)).toEqual(["Terima kasih sudah menghubungi Bank ABC 😊"]);
    expect(bye.conversation.flowState).toBeNull();
  });

  it("with no LLM, 'saya mau bicara dengan CS' goes to the complaints division", async () => {
    const out = await chat(bot.id)("saya mau bicara dengan CS");
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.divisionIds.complaints });
  });

  it("through the inbox: '1' is a real handover, and the handback closes the session", async () => {
    whatsapp.deliverTo(app, bot.webhookUrl);
    const { conversationId } = whatsapp.emulator.customerSays("halo");
    await app.settle();
    whatsapp.emulator.customerSays("1");
    await app.settle();
    // Every send carries its send-guard marker; what matters here is the content and the order.
    const withoutMarker = (body: Record<string, unknown> | null) => JSON.stringify({ ...body, content_attributes: undefined });
    expect(whatsapp.callsFor(conversationId).map((c) => `${c.call} ${withoutMarker(c.body)}`)).toEqual([
      `POST messages ${JSON.stringify({ content: said(simpleDoc, "greetings") })}`,
      `POST messages ${JSON.stringify({ content: said(simpleDoc, "waitForAgent") })}`,
      `POST assignments {"team_id":1}`,
      `GET ${String(conversationId)} {}`,
      expect.stringMatching(/^POST custom_attributes /),
      expect.stringMatching(/^POST messages \{"content":"Switchboard: diserahkan ke Pengaduan/),
      `POST toggle_status {"status":"open"}`,
    ]);
    expect(whatsapp.emulator.conversation({ conversationId })).toMatchObject({
      status: "open",
      teamId: 1,
      customAttributes: {
        switchboard_division: "Pengaduan & Customer Service",
        switchboard_confidence: 1,
        switchboard_reason: 'flow transition: intent "menu", handover/handover',
      },
    });
    whatsapp.reset();
    // The agent resolves the conversation: it comes back to the bot, whose flow says goodbye.
    whatsapp.emulator.agentResolves({ conversationId });
    await app.settle();
    expect(whatsapp.callsFor(conversationId).map((c) => c.body?.content)).toEqual(["Terima kasih sudah menghubungi Bank ABC 😊"]);
    expect(whatsapp.emulator.agentBotErrors).toEqual([]);
  });
});

describe("Bank ABC Instagram bot (kata-igdm-bot-handover-tutorial)", () => {
  let bot: BodyAt<typeof importBotRoute, 201>;
  beforeAll(async () => {
    bot = await importBot(instagramFile);
  });

  it("FAQ quick reply → answer → next → confirm; '1' restarts the menu and '2' says bye", async () => {
    const say = chat(bot.id);
    expect(texts(await say("halo"))).toEqual([said(instagramDoc, "greetingsText")]);
    const faq = await say("1");
    expect(faq.messages[0]).toEqual({
      content: "Pilih topik yang kamu inginkan 😊",
      content_type: "input_select",
      content_attributes: {
        items: [
          { title: "Daftar rekening baru", value: "Daftar rekening baru" },
          { title: "Daftar kartu kredit", value: "Daftar kartu kredit" },
        ],
      },
    });
    const account = await say("Daftar rekening baru", { payload: "Daftar rekening baru" });
    expect(texts(account)).toEqual([said(instagramDoc, "rekeningBaruText"), said(instagramDoc, "confirmText")]);
    expect(texts(await say("1"))).toEqual([said(instagramDoc, "greetingsText")]);
    await say("1");
    expect(texts(await say("Daftar kartu kredit"))).toEqual([said(instagramDoc, "kartuKreditText"), said(instagramDoc, "confirmText")]);
    expect(texts(await say("2"))).toEqual(["Terima kasih sudah menghubungi Bank ABC 😊"]);
  });

  it("promo carousel as cards; 'B1G1' typed and the 'diskon' postback both work", async () => {
    const say = chat(bot.id);
    await say("hai");
    const promo = await say("2");
    expect(promo.messages[0]?.content_type).toBe("cards");
    expect(promo.messages[0]?.content_attributes?.items).toMatchObject([{ title: "Buy 1 Get 1" }, { title: "Diskon 10%" }]);
    expect(texts(await say("B1G1"))).toEqual([said(instagramDoc, "b1g1Text"), said(instagramDoc, "confirmText")]);
    await say("1");
    await say("2");
    expect(texts(await say("Diskon", { payload: JSON.stringify({ carousel: "diskon" }) }))).toEqual([
      said(instagramDoc, "discText"),
      said(instagramDoc, "confirmText"),
    ]);
  });

  it("location, then '4' hands over to Complaints", async () => {
    const say = chat(bot.id);
    await say("pagi");
    expect(texts(await say("3"))).toEqual([said(instagramDoc, "locationText"), said(instagramDoc, "confirmText")]);
    await say("1");
    const handover = await say("4");
    expect(handover.decision).toMatchObject({ route: "handover", divisionId: bot.divisionIds.complaints, source: "flow" });
    expect(handover.actions[0]).toMatchObject({ action: "message", message: { content: said(instagramDoc, "waitForAgent") } });
  });

  it("on Instagram the menu and the promo come as numbered text, and a number picks", async () => {
    const say = chat(bot.id, "Channel::Instagram");
    await say("halo");
    const faq = await say("1");
    expect(faq.messages[0]?.content_type ?? "text").toBe("text");
    expect(faq.messages[0]?.content).toContain("1. Daftar rekening baru");
    expect(texts(await say("2"))).toEqual([said(instagramDoc, "kartuKreditText"), said(instagramDoc, "confirmText")]);
  });

  it("greets story mentions and story replies, and answers each ice breaker", async () => {
    const mention = await chat(bot.id, "Channel::Instagram")("", { attachmentTypes: ["story_mention"], contentAttributes: { image_type: "story_mention" } });
    expect(texts(mention)).toEqual([said(instagramDoc, "igMentionedText")]);
    const reply = await chat(bot.id, "Channel::Instagram")("keren!", { attachmentTypes: ["story_reply"], contentAttributes: { story_id: "17890" } });
    expect(texts(reply)).toEqual([said(instagramDoc, "igStoryReplyText")]);
    expect((await chat(bot.id)("FAQ")).messages[0]?.content).toBe("Pilih topik yang kamu inginkan 😊");
    expect((await chat(bot.id)("Promo")).messages[0]?.content_type).toBe("cards");
    expect(texts(await chat(bot.id)("Lokasi"))[0]).toBe(said(instagramDoc, "locationText"));
    const cs = await chat(bot.id)("Berbicara dengan CS");
    expect(cs.decision).toMatchObject({ route: "handover", divisionId: bot.divisionIds.complaints });
  });

  it("the fallback intent repeats the menu while a state waits, and the default reply answers otherwise", async () => {
    const say = chat(bot.id);
    await say("halo");
    expect(texts(await say("xyz qwerty"))).toEqual([said(instagramDoc, "greetingsText")]);
    // With no flow waiting, gibberish (far from every example) gets the default reply.
    const cold = await chat(bot.id)("xyz qwerty");
    expect(cold.decision).toMatchObject({ source: "fallback", route: "bot_reply" });
    expect(texts(cold)).toEqual([instagramDoc.settings.fallbackReply]);
  });

  it("through a web-widget inbox: the FAQ as input_select, the promo as cards, the widget's choice picks", async () => {
    const viaWidget = await importBot(instagramFile, widget);
    widget.deliverTo(app, viaWidget.webhookUrl);
    const inbox = widget.emulator;
    const botSaid = () => inbox.transcript().filter((m) => m.from === "bot");
    const { conversationId } = inbox.customerSays("halo");
    await app.settle();
    inbox.customerSays("1");
    await app.settle();
    expect(botSaid().map((m) => m.contentType)).toEqual(["text", "input_select"]);
    const menu = botSaid().at(-1);
    widget.reset();
    inbox.widgetChooses(menu?.id ?? 0, "Daftar kartu kredit");
    await app.settle();
    expect(widget.callsFor(conversationId).map((c) => c.body?.content)).toEqual([said(instagramDoc, "kartuKreditText"), said(instagramDoc, "confirmText")]);
    widget.reset();
    inbox.customerSays("1");
    await app.settle();
    inbox.customerSays("2");
    await app.settle();
    expect(widget.callsFor(conversationId).map((c) => c.body?.content_type ?? "text")).toEqual(["text", "cards"]);
    expect(botSaid().at(-1)?.contentType).toBe("cards");
    expect(inbox.agentBotErrors).toEqual([]);
  });
});
