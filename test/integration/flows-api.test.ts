import { describe, expect, it } from "vitest";
import { type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import type { Json, TestApp } from "../harness/test-app.js";

let t: TestApp;
let bot: TestBot;
useAppWithRoutingBot((app, created) => {
  t = app;
  bot = created;
});

const menuFlow = (overrides: Record<string, unknown> = {}) => ({
  name: "Menu",
  description: "Start when the customer greets",
  intents: [
    { name: "greet", initial: true, classifiers: [{ type: "keywords", keywords: [{ keyword: "halo", synonyms: ["hai"] }] }] },
    { name: "other", fallback: true },
  ],
  states: [
    { name: "start", initial: true, transitions: [{ to: "menu", condition: 'intent == "greet"' }] },
    {
      name: "menu",
      selfTransition: true,
      actions: [{ type: "text", variants: ["Ketik 1 untuk CS"] }],
      transitions: [{ to: "cs", condition: 'content == "1"' }],
    },
    { name: "cs", end: true, actions: [{ type: "handover", divisionId: null }] },
  ],
  ...overrides,
});

const flowPath = (id: string) => `/v1/bots/${bot.id}/flows/${id}`;

describe("flows admin API", () => {
  it("creates (201), replaces (200, new version), lists, reads and deletes a flow", async () => {
    const created = await t.request("PUT", flowPath("menu"), { body: menuFlow() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "menu", version: 1, warnings: [] });
    const replaced = await t.request("PUT", flowPath("menu"), { body: menuFlow({ description: "Greeting menu" }) });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, flow: { description: "Greeting menu" } });
    expect(((await t.request("GET", `/v1/bots/${bot.id}/flows`)).body as Json[]).map((f) => f.id)).toEqual(["menu"]);
    expect((await t.request("GET", flowPath("menu"))).body).toMatchObject({ version: 2 });

    const versions = (await t.request("GET", `${flowPath("menu")}/versions`)).body as Json[];
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const restored = await t.request("POST", `${flowPath("menu")}/versions/1/restore`);
    expect(restored.body).toMatchObject({ version: 3, flow: { description: "Start when the customer greets" } });
    expect((await t.request("POST", `${flowPath("menu")}/versions/3/restore`)).status).toBe(409);

    expect((await t.request("DELETE", flowPath("menu"))).status).toBe(204);
    expect((await t.request("GET", flowPath("menu"))).status).toBe(404);
  });

  it("returns warnings for unreachable states", async () => {
    const flow = menuFlow();
    const res = await t.request("PUT", flowPath("warned"), {
      body: { ...flow, states: [...flow.states, { name: "orphan", actions: [{ type: "text", variants: ["?"] }] }] },
    });
    expect(res.status).toBe(201);
    expect((res.body as Json).warnings).toEqual(expect.arrayContaining([{ path: "states.3", message: expect.stringContaining("unreachable") }]));
    await t.request("DELETE", flowPath("warned"));
  });

  it.each([
    [
      "an unknown state target",
      (f: Json) => ({ ...f, states: [f.states[0], { ...f.states[1], transitions: [{ to: "nowhere" }] }, f.states[2]] }),
      "states.1.transitions.0.to",
    ],
    ["no initial state", (f: Json) => ({ ...f, states: f.states.map((s: Json) => ({ ...s, initial: false })) }), "states"],
    [
      "an invalid condition",
      (f: Json) => ({ ...f, states: [f.states[0], { ...f.states[1], transitions: [{ to: "cs", condition: 'content == "1" &&' }] }, f.states[2]] }),
      "states.1.transitions.0.condition",
    ],
    ["a duplicate state name", (f: Json) => ({ ...f, states: [...f.states, { name: "menu" }] }), "states.3.name"],
    ["a duplicate intent name", (f: Json) => ({ ...f, intents: [...f.intents, { name: "greet" }] }), "intents.2.name"],
    [
      "an unknown division",
      (f: Json) => ({ ...f, states: [f.states[0], f.states[1], { ...f.states[2], actions: [{ type: "handover", divisionId: "vip" }] }] }),
      "states.2.actions.0.divisionId",
    ],
  ])("rejects %s with 400 and the path", async (_name, change, path) => {
    const res = await t.request("PUT", flowPath("bad"), { body: change(menuFlow() as Json) });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((res.body as Json).errors.map((e: Json) => e.path)).toContain(path);
    expect((await t.request("GET", flowPath("bad"))).status).toBe(404);
  });

  it("rejects a bad flow id and an unknown bot", async () => {
    expect((await t.request("PUT", flowPath("has space"), { body: menuFlow() })).status).toBe(400);
    expect((await t.request("PUT", "/v1/bots/bot_nope/flows/menu", { body: menuFlow() })).status).toBe(404);
  });

  it("runs a saved flow in the emulator, and exports and imports it with division references rewritten", async () => {
    const flow = menuFlow();
    const toCards = {
      ...flow,
      states: [flow.states[0], flow.states[1], { ...flow.states[2], actions: [{ type: "handover", divisionId: bot.divisions.cards }] }],
    };
    expect((await t.request("PUT", flowPath("cards-menu"), { body: toCards })).status).toBe(201);
    const say = (text: string) => t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: 9, text } });
    expect(((await say("halo")).body as Json).messages).toEqual([{ content: "Ketik 1 untuk CS" }]);
    expect(((await say("1")).body as Json).decision).toMatchObject({ route: "handover", divisionId: bot.divisions.cards, source: "flow" });

    const exported = (await t.request("GET", `/v1/bots/${bot.id}/export`)).body as Json;
    const cardsFlow = exported.flows.find((f: Json) => f.id === "cards-menu");
    expect(cardsFlow.states[2].actions[0].divisionId).toBe(bot.divisions.cards);
    const imported = (await t.request("POST", "/v1/bots/import", { body: exported })).body as Json;
    const copy = (await t.request("GET", `/v1/bots/${imported.id}/flows/cards-menu`)).body as Json;
    expect(copy.flow.states[2].actions[0].divisionId).toBe(imported.divisionIds[bot.divisions.cards!]);
    expect(copy.flow.states[2].actions[0].divisionId).not.toBe(bot.divisions.cards);
  });

  it("rejects an import whose flow names a division the document lacks, with the path", async () => {
    const exported = (await t.request("GET", `/v1/bots/${bot.id}/export`)).body as Json;
    exported.flows = [
      {
        id: "x",
        ...menuFlow(),
        states: [menuFlow().states[0], menuFlow().states[1], { name: "cs", end: true, actions: [{ type: "handover", divisionId: "ghost" }] }],
      },
    ];
    const res = await t.request("POST", "/v1/bots/import", { body: exported });
    expect(res.status).toBe(400);
    expect((res.body as Json).errors[0].path).toBe("flows.0.states.2.actions.0.divisionId");
  });
});
