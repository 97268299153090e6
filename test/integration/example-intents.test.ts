import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRoutingModel } from "../../src/db/queries/routing-models.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { exportBotRoute } from "../../src/http/routes/bots/export-bot.js";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { getDivisionRoute } from "../../src/http/routes/divisions/get-division.js";
import { patchDivisionRoute } from "../../src/http/routes/divisions/patch-division.js";
import { addExamplesRoute } from "../../src/http/routes/examples/add-examples.js";
import { listExamplesRoute } from "../../src/http/routes/examples/list-examples.js";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { bodyOf } from "../harness/contract.js";
import { openApiDocument } from "../harness/openapi-document.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

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
  const bot = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: undefined }) }), createBotRoute, 201);
  const cards = bodyOf(
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
    }),
    createDivisionRoute,
    201,
  );
  const fraud = bodyOf(
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, { body: divisionBody({ name: "Fraud", teamId: 3, keywords: [] }) }),
    createDivisionRoute,
    201,
  );
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
    const page = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?intent=greeting`), listExamplesRoute, 200);
    expect(page.items.map((e) => [e.text, e.label, e.intent])).toEqual([
      ["hello there", "bot", "greeting"],
      ["good morning", "bot", "greeting"],
      ["thanks a lot", "bot", "greeting"],
    ]);
    const division = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?source=division`), listExamplesRoute, 200);
    expect(division.items.map((e) => e.intent)).toEqual([...Array<string>(3).fill("card_arrival"), ...Array<string>(3).fill("card_not_working"), null]);
    const view = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/divisions/${bot.cards}`), getDivisionRoute, 200);
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
    expect(bodyOf(res, addExamplesRoute, 400).errors?.map((e) => e.path)).toEqual(["examples.1.intent", "examples.2.intent"]);
    const division = await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.cards}`, { body: { examples: [{ text: "kartu hilang", intent: "" }] } });
    expect(bodyOf(division, patchDivisionRoute, 400).errors?.[0]?.path).toMatch(/^examples\.0/);
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
    const errors = bodyOf(res, addExamplesRoute, 400).errors;
    expect(errors?.map((e) => e.path)).toEqual(["examples.0.intent", "examples.1.intent", "examples.3.intent"]);
    expect(errors?.[1]?.message).toContain(`intent "card_arrival" belongs to label "${bot.cards}", not "bot"`);
    const listed = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?limit=1000`), listExamplesRoute, 200);
    expect(listed.items).toHaveLength(9 + 7);

    // A division's own list: the same rule, at the path of its example, and the division unchanged.
    const patched = await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.fraud}`, {
      body: { examples: ["kartu dipakai orang", { text: "hello fraud team", intent: "greeting" }] },
    });
    expect(bodyOf(patched, patchDivisionRoute, 400).errors?.map((e) => e.path)).toEqual(["examples.1.intent"]);
    expect(bodyOf(await t.request("GET", `/v1/bots/${bot.id}/divisions/${bot.fraud}`), getDivisionRoute, 200).examples).toEqual([]);
    expect(bodyOf(await t.request("GET", `/v1/bots/${bot.id}/examples?source=division`), listExamplesRoute, 200).items).toHaveLength(7);

    // A deleted division's examples no longer train: its intents are free again.
    expect((await t.request("DELETE", `/v1/bots/${bot.id}/divisions/${bot.cards}`)).status).toBe(204);
    expect(
      (await t.request("POST", `/v1/bots/${bot.id}/examples`, { body: { examples: [{ text: "where is my card", label: "bot", intent: "card_arrival" }] } }))
        .status,
    ).toBe(201);
  });

  it("refuse an import whose intent comes under two labels, at the paths of the document", async () => {
    const bot = await intentBot();
    const doc = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/export`), exportBotRoute, 200);
    const cardsKey = doc.divisions[0]?.id;
    const divisions = doc.divisions.map((d, i) =>
      i === 1 ? { ...d, examples: ["kartu dipakai orang", { text: "my card never came", intent: "card_arrival" }] } : d,
    );
    const examples = [
      ...doc.examples,
      { text: "new card not here", label: "bot", intent: "card_arrival" },
      { text: "new card please", label: cardsKey, intent: "card_arrival" },
    ];
    const res = await t.request("POST", "/v1/bots/import", { body: { ...doc, divisions, examples } });
    expect(bodyOf(res, importBotRoute, 400).errors?.map((e) => e.path)).toEqual([
      "divisions.1.examples.1.intent",
      `examples.${String(examples.length - 2)}.intent`,
    ]);
  });

  it("are documented in the OpenAPI document", async () => {
    const doc = await openApiDocument(t);
    expect(doc.components.schemas.ExampleInput?.properties?.intent).toMatchObject({ type: "string", maxLength: 100 });
    expect(doc.components.schemas.Example?.properties?.intent).toBeDefined();
    const listParams = doc.paths["/v1/bots/{botId}/examples"]?.get?.parameters?.map((p) => p.name);
    expect(listParams).toContain("intent");
  });

  it("travel in the export and come back with the import", async () => {
    const bot = await intentBot();
    const doc = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/export`), exportBotRoute, 200);
    expect(doc.examples).toContainEqual({ text: "hello there", label: "bot", intent: "greeting", source: "admin" });
    expect(doc.divisions[0]?.examples[0]).toEqual({ text: "my card has not arrived yet", intent: "card_arrival" });
    const imported = bodyOf(await t.request("POST", "/v1/bots/import", { body: doc }), importBotRoute, 201);
    const again = bodyOf(await t.request("GET", `/v1/bots/${imported.id}/export`), exportBotRoute, 200);
    expect(again.examples.map((e) => [e.text, e.intent])).toEqual(doc.examples.map((e) => [e.text, e.intent]));
    expect(again.divisions.map((d) => d.examples)).toEqual(doc.divisions.map((d) => d.examples));
  });

  it("train one class per intent, summed into the labels the router decides between", async () => {
    const bot = await intentBot();
    await t.settle();
    const stored = await findRoutingModel(t.db, bot.id);
    // cards: 2 intents + 1 class for its example without intent; fraud: 1; bot: 2.
    expect(stored?.report).toMatchObject({ labels: 3, classes: 6, intents: 5 });
    const out = bodyOf(
      await t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: ++conversation, text: "my new card still has not arrived" } }),
      simulateTurnRoute,
      200,
    );
    expect(out.decision).toMatchObject({ route: "handover", divisionId: bot.cards, source: "fallback" });
    expect(out.decision?.reason).toContain(`${bot.cards}/card_arrival`);
  });
});
