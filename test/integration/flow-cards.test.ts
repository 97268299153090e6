import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putFlowRoute } from "../../src/http/routes/flows/put-flow.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";

// Chatwoot refuses a `cards` message with a card that has no actions (422, ContentAttributeValidator):
// the customer would see nothing. Switchboard sends such a carousel as text, and says so on save.
let app: E2eApp;
let widget: TestInbox;
let bot: TestBot;
const promo = (buttons: boolean) => ({
  name: "Promo",
  intents: [{ name: "promo", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "promo" }] }] }],
  states: [
    {
      name: "show",
      initial: true,
      end: true,
      actions: [
        {
          type: "carousel",
          text: "Promo bulan ini:",
          items: [
            {
              title: "Buy 1 Get 1",
              text: "Gratis 1 pancake",
              imageUrl: "https://img.example/b1g1.jpg",
              buttons: [{ type: "postback", label: "B1G1", payload: { carousel: "b1g1" } }],
            },
            {
              title: "Cashback 5%",
              text: "Untuk semua transaksi kartu",
              ...(buttons && { buttons: [{ type: "url", label: "Detail", url: "https://bank-abc.test/cashback" }] }),
            },
          ],
        },
      ],
    },
  ],
});

beforeAll(async () => {
  app = await createE2eApp();
  widget = await startInbox(app.t.clock, { world: { channel: "Channel::WebWidget" } });
  bot = await createRoutingBot(app.t, { omnichat: widget.credentials() });
  widget.deliverTo(app, bot.webhookPath);
});
afterAll(async () => {
  await app.close();
});

describe("a carousel with a card without buttons", () => {
  it("is saved with a warning at the card's buttons", async () => {
    const res = await app.t.request("PUT", `/v1/bots/${bot.id}/flows/promo`, { body: promo(false) });
    expect(bodyOf(res, putFlowRoute, 201).warnings).toEqual([
      { path: "states.0.actions.0.items.1.buttons", message: expect.stringContaining("goes out as text") },
    ]);
  });

  it("reaches a web-widget customer as text, where cards would have been refused", async () => {
    await app.t.request("PUT", `/v1/bots/${bot.id}/flows/promo`, { body: promo(false) });
    widget.emulator.customerSays("ada promo?", { contact: "a" });
    await app.settle();
    const seen = widget.emulator.transcript({ contact: "a" }).filter((m) => m.from === "bot");
    expect(seen.map((m) => [m.contentType, m.text])).toEqual([
      ["text", "Promo bulan ini:\n\nBuy 1 Get 1\nGratis 1 pancake\n1. B1G1\n\nCashback 5%\nUntuk semua transaksi kartu"],
    ]);
    expect(widget.calls().every((c) => c.status === 200)).toBe(true);
    expect(widget.emulator.agentBotErrors).toEqual([]);
  });

  it("with buttons on every card, the same carousel is sent as cards", async () => {
    const saved = await app.t.request("PUT", `/v1/bots/${bot.id}/flows/promo`, { body: promo(true) });
    expect(bodyOf(saved, putFlowRoute, 200).warnings).toEqual([]);
    widget.emulator.customerSays("ada promo?", { contact: "b" });
    await app.settle();
    const seen = widget.emulator.transcript({ contact: "b" }).filter((m) => m.from === "bot");
    expect(seen.map((m) => m.contentType)).toEqual(["cards"]);
    expect(widget.emulator.agentBotErrors).toEqual([]);
  });
});
