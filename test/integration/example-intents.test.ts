import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoutingModel } from "../../src/db/queries/routing-models.js";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let conversation = 900;

/** A bot whose Cards division lists its own examples with intents, plus "bot" examples by API. */
async function intentBot(): Promise<{ id: string; cards: string; fraud: string }> {
  const bot = (await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: undefined }) })).body as Json;
  const cards = (
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, {
      body: divisionBody({
        name: "Cards",
        keywords: [],
        examples: [
          ...["my card has not arrived yet", "still waiting for my new card", "when will my card be delivered"].map((text) => ({
            text,
            intent: "card_arrival",
          })),
          ...["my card is not working", "the card got declined everywhere", "card stopped working today"].map((text) => ({ text, intent: "card_not_working" })),
          "kartu saya bermasalah",
        ],
      }),
    })
  ).body as Json;
  const fraud = (await t.request("POST", `/v1/bots/${bot.id}/divisions`, { body: divisionBody({ name: "Fraud", teamId: 3, keywords: [] }) })).body as Json;
  const examples = [
    ...["someone used my card without me", "i do not recognise this payment", "my account was hacked"].map((text) => ({
      text,
      label: fraud.id,
      intent: "not_recognised",
    })),
    ...["what is the exchange rate today", "which currencies do you support", "rates for euro please"].map((text) => ({
      text,
      label: "bot",
      intent: "exchange_rate",
    })),
    ...["hello there", "good morning", "thanks a lot"].map((text) => ({ text, label: "bot", intent: "greeting" })),
  ];
  expect((await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples } })).status).toBe(201);
  return { id: bot.id, cards: cards.id, fraud: fraud.id };
}

describe("examples with intents", () => {
  it("are stored, listed and filtered by intent through the examples API", async () => {
    const bot = await intentBot();
    const page = (await t.request("GET", `/v1/bots/${bot.id}/examples?intent=greeting`)).body as Json;
    expect(page.items.map((e: Json) => [e.text, e.label, e.intent])).toEqual([
      ["hello there", "bot", "greeting"],
      ["good morning", "bot", "greeting"],
      ["thanks a lot", "bot", "greeting"],
    ]);
    const division = (await t.request("GET", `/v1/bots/${bot.id}/examples?source=division`)).body as Json;
    expect(division.items.map((e: Json) => e.intent)).toEqual([...Array<string>(3).fill("card_arrival"), ...Array<string>(3).fill("card_not_working"), null]);
    const view = (await t.request("GET", `/v1/bots/${bot.id}/divisions/${bot.cards}`)).body as Json;
    expect(view.examples[0]).toEqual({ text: "my card has not arrived yet", intent: "card_arrival" });
    expect(view.examples.at(-1)).toBe("kartu saya bermasalah");
  });

  it("refuses an empty or too long intent with the path of the example", async () => {
    const bot = await intentBot();
    const res = await t.request("POST", `/v1/bots/${bot.id}/examples`, {
      body: {
        examples: [
          { text: "ok", label: "bot", intent: "greeting" },
          { text: "x", label: "bot", intent: " " },
          { text: "y", label: "bot", intent: "i".repeat(101) },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect((res.body as Json).errors.map((e: Json) => e.path)).toEqual(["examples.1.intent", "examples.2.intent"]);
    const division = await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.cards}`, { body: { examples: [{ text: "kartu hilang", intent: "" }] } });
    expect(division.status).toBe(400);
    expect((division.body as Json).errors[0].path).toMatch(/^examples\.0/);
  });

  it("refuse an intent that belongs to another label, at its path, and keep what was there", async () => {
    const bot = await intentBot();
    // "greeting" is the bot's; "card_arrival" is Cards' (its own list); a new intent is free for any label.
    const res = await t.request("POST", `/v1/bots/${bot.id}/examples`, {
      body: {
        examples: [
          { text: "hi, my card is lost", label: bot.fraud, intent: "greeting" },
          { text: "where is my card", label: "bot", intent: "card_arrival" },
          { text: "card stolen", label: bot.fraud, intent: "lost_or_stolen" },
          { text: "lost it on the bus", label: "bot", intent: "lost_or_stolen" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const errors = (res.body as Json).errors as Json[];
    expect(errors.map((e) => e.path)).toEqual(["examples.0.intent", "examples.1.intent", "examples.3.intent"]);
    expect(errors[1].message).toContain(`intent "card_arrival" belongs to label "${bot.cards}", not "bot"`);
    const listed = (await t.request("GET", `/v1/bots/${bot.id}/examples?limit=1000`)).body as Json;
    expect(listed.items).toHaveLength(9 + 7);

    // A division's own list: the same rule, at the path of its example, and the division unchanged.
    const patched = await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.fraud}`, {
      body: { examples: ["kartu dipakai orang", { text: "hello fraud team", intent: "greeting" }] },
    });
    expect(patched.status).toBe(400);
    expect(patched.headers.get("content-type")).toContain("application/problem+json");
    expect((patched.body as Json).errors.map((e: Json) => e.path)).toEqual(["examples.1.intent"]);
    expect(((await t.request("GET", `/v1/bots/${bot.id}/divisions/${bot.fraud}`)).body as Json).examples).toEqual([]);
    expect(((await t.request("GET", `/v1/bots/${bot.id}/examples?source=division`)).body as Json).items).toHaveLength(7);

    // A deleted division's examples no longer train: its intents are free again.
    expect((await t.request("DELETE", `/v1/bots/${bot.id}/divisions/${bot.cards}`)).status).toBe(204);
    expect(
      (await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples: [{ text: "where is my card", label: "bot", intent: "card_arrival" }] } }))
        .status,
    ).toBe(201);
  });

  it("refuse an import whose intent comes under two labels, at the paths of the document", async () => {
    const bot = await intentBot();
    const doc = (await t.request("GET", `/v1/bots/${bot.id}/export`)).body as Json;
    const cardsKey = doc.divisions[0].id as string;
    doc.divisions[1].examples = ["kartu dipakai orang", { text: "my card never came", intent: "card_arrival" }];
    doc.examples.push(
      { text: "new card not here", label: "bot", intent: "card_arrival" },
      { text: "new card please", label: cardsKey, intent: "card_arrival" },
    );
    const res = await t.request("POST", "/v1/bots/import", { body: doc });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((res.body as Json).errors.map((e: Json) => e.path)).toEqual(["divisions.1.examples.1.intent", `examples.${String(doc.examples.length - 2)}.intent`]);
  });

  it("are documented in the OpenAPI document", async () => {
    const doc = (await t.request("GET", "/openapi.json", { token: null })).body as Json;
    expect(doc.components.schemas.ExampleInput.properties.intent).toMatchObject({ type: "string", maxLength: 100 });
    expect(doc.components.schemas.Example.properties.intent).toBeDefined();
    const listParams = doc.paths["/v1/bots/{botId}/examples"].get.parameters.map((p: Json) => p.name);
    expect(listParams).toContain("intent");
  });

  it("travel in the export and come back with the import", async () => {
    const bot = await intentBot();
    const doc = (await t.request("GET", `/v1/bots/${bot.id}/export`)).body as Json;
    expect(doc.examples).toContainEqual({ text: "hello there", label: "bot", intent: "greeting", source: "admin" });
    expect(doc.divisions[0].examples[0]).toEqual({ text: "my card has not arrived yet", intent: "card_arrival" });
    const imported = (await t.request("POST", "/v1/bots/import", { body: doc })).body as Json;
    const again = (await t.request("GET", `/v1/bots/${imported.id}/export`)).body as Json;
    expect(again.examples.map((e: Json) => [e.text, e.intent])).toEqual(doc.examples.map((e: Json) => [e.text, e.intent]));
    expect(again.divisions.map((d: Json) => d.examples)).toEqual(doc.divisions.map((d: Json) => d.examples));
  });

  it("train one class per intent, summed into the labels the router decides between", async () => {
    const bot = await intentBot();
    await t.settle();
    const stored = await findRoutingModel(t.db, bot.id);
    // cards: 2 intents + 1 class for its example without intent; fraud: 1; bot: 2.
    expect(stored?.report).toMatchObject({ labels: 3, classes: 6, intents: 5 });
    const out = (
      await t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: ++conversation, text: "my new card still has not arrived" } })
    ).body as Json;
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.cards, source: "fallback" });
    expect(out.decision.reason).toContain(`${bot.cards}/card_arrival`);
  });
});
