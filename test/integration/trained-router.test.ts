import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoutingModel, findRoutingModelHead } from "../../src/db/queries/routing-models.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { listExamplesRoute } from "../../src/http/routes/examples/list-examples.js";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { bodyOf } from "../harness/contract.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

let t: TestApp;
let conversation = 500;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A bot with Cards and Complaints (no default division) and a few examples of each and of "bot". */
async function bankBot(): Promise<{ id: string; cards: string; complaints: string }> {
  const bot = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: undefined }) }), createBotRoute, 201);
  const cards = bodyOf(
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, { body: divisionBody({ name: "Cards", teamId: 2, keywords: ["kartu kredit"] }) }),
    createDivisionRoute,
    201,
  );
  const complaints = bodyOf(
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, { body: divisionBody({ name: "Complaints", teamId: 4, keywords: ["komplain", "keluhan", "cs"] }) }),
    createDivisionRoute,
    201,
  );
  const examples = [
    ...[
      "kartu kredit saya diblokir",
      "limit cc saya turun",
      "kartu atm saya ketelan mesin",
      "tagihan kartu kredit saya salah",
      "my credit card was declined",
    ].map((text) => ({ text, label: cards.id })),
    ...[
      "saya kecewa dengan pelayanan cabang",
      "keluhan saya belum ditanggapi",
      "antrian di cabang lama sekali",
      "your service is terrible",
      "cs tidak pernah membalas email saya",
    ].map((text) => ({ text, label: complaints.id })),
    ...["halo selamat pagi", "terima kasih banyak", "jam buka cabang kapan", "ada promo apa bulan ini", "thanks for the info"].map((text) => ({
      text,
      label: "bot",
    })),
  ];
  expect((await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples } })).status).toBe(201);
  return { id: bot.id, cards: cards.id, complaints: complaints.id };
}

const simulate = async (botId: string, text: string) =>
  bodyOf(await t.request("POST", `/v1/bots/${botId}/simulate`, { body: { conversationId: ++conversation, text } }), simulateTurnRoute, 200);

describe("the trained router", () => {
  it("is trained in the background after examples are added, stored, and then routes offline", async () => {
    const bot = await bankBot();
    expect(await findRoutingModelHead(t.db, bot.id)).toBeUndefined();
    await t.settle();
    const stored = await findRoutingModel(t.db, bot.id);
    expect(stored).toMatchObject({ version: 1, report: expect.objectContaining({ examples: 18, labels: 3 }) });
    const out = await simulate(bot.id, "cc sy keblokir pas belanja");
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.cards, source: "fallback" });
    expect(out.decision?.reason).toContain("trained router v1");
  });

  it("is retrained when examples are added or deleted and when keywords change, never for nothing", async () => {
    const bot = await bankBot();
    await t.settle();
    const version = async () => (await findRoutingModelHead(t.db, bot.id))?.version;
    expect(await version()).toBe(1);
    await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples: [{ text: "mau naikin limit kartu", label: bot.cards }] } });
    await t.settle();
    expect(await version()).toBe(2);
    const page = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?label=${bot.cards}`), listExamplesRoute, 200);
    expect((await t.request("DELETE", `/v1/bots/${bot.id}/examples/${String(page.items[0]?.id)}`)).status).toBe(204);
    await t.settle();
    expect(await version()).toBe(3);
    await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.cards}`, { body: { keywords: ["kartu kredit", "kartu debit"] } });
    await t.settle();
    expect(await version()).toBe(4);
    // A burst of changes trains once per change at most; the same data again is not trained.
    await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.cards}`, { body: { keywords: ["kartu kredit", "kartu debit"] } });
    await t.settle();
    expect(await version()).toBe(4);
  });

  it("hands 'talk to a human' plus a named topic straight to that topic's division", async () => {
    const bot = await bankBot();
    await t.settle();
    const named = await simulate(bot.id, "saya mau komplain, mau bicara dengan cs");
    expect(named.decision).toMatchObject({ route: "handover", divisionId: bot.complaints, source: "policy" });
    expect(named.messages.map((m) => m.content).join(" ")).not.toContain("Dengan tim mana");
    const unnamed = await simulate(bot.id, "mau bicara dengan manusia");
    expect(unnamed.decision?.route).toBe("clarify");
    expect(unnamed.messages[0]?.content).toBe("Dengan tim mana Anda ingin terhubung?");
  });
});
