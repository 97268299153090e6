import { describe, expect, it } from "vitest";
import type { Flow } from "../../src/domain/flow.js";
import { exportBotRoute } from "../../src/http/routes/bots/export-bot.js";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { getFlowRoute } from "../../src/http/routes/flows/get-flow.js";
import { listFlowVersionsRoute } from "../../src/http/routes/flows/list-flow-versions.js";
import { listFlowsRoute } from "../../src/http/routes/flows/list-flows.js";
import { putFlowRoute } from "../../src/http/routes/flows/put-flow.js";
import { restoreFlowVersionRoute } from "../../src/http/routes/flows/restore-flow-version.js";
import { type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import type { TestApp } from "../harness/test-app.js";

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

type MenuFlow = ReturnType<typeof menuFlow>;

/** The division the flow's third state ("cs") hands over to. */
function handoverTarget(flow: Flow | undefined) {
  const action = flow?.states[2]?.actions[0];
  return action?.type === "handover" ? action.divisionId : undefined;
}

const flowPath = (id: string) => `/v1/bots/${bot.id}/flows/${id}`;

describe("flows admin API", () => {
  it("creates (201), replaces (200, new version), lists, reads and deletes a flow", async () => {
    const created = await t.request("PUT", flowPath("menu"), { body: menuFlow() });
    expect(bodyOf(created, putFlowRoute, 201)).toMatchObject({ id: "menu", version: 1, warnings: [] });
    const replaced = await t.request("PUT", flowPath("menu"), { body: menuFlow({ description: "Greeting menu" }) });
    expect(bodyOf(replaced, putFlowRoute, 200)).toMatchObject({ version: 2, flow: { description: "Greeting menu" } });
    expect(bodyOf(await t.request("GET", `/v1/bots/${bot.id}/flows`), listFlowsRoute, 200).map((f) => f.id)).toEqual(["menu"]);
    expect(bodyOf(await t.request("GET", flowPath("menu")), getFlowRoute, 200)).toMatchObject({ version: 2 });

    const versions = bodyOf(await t.request("GET", `${flowPath("menu")}/versions`), listFlowVersionsRoute, 200);
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const restored = await t.request("POST", `${flowPath("menu")}/versions/1/restore`);
    expect(bodyOf(restored, restoreFlowVersionRoute, 200)).toMatchObject({ version: 3, flow: { description: "Start when the customer greets" } });
    expect((await t.request("POST", `${flowPath("menu")}/versions/3/restore`)).status).toBe(409);

    expect((await t.request("DELETE", flowPath("menu"))).status).toBe(204);
    expect((await t.request("GET", flowPath("menu"))).status).toBe(404);
  });

  it("returns warnings for unreachable states", async () => {
    const flow = menuFlow();
    const res = await t.request("PUT", flowPath("warned"), {
      body: { ...flow, states: [...flow.states, { name: "orphan", actions: [{ type: "text", variants: ["?"] }] }] },
    });
    expect(bodyOf(res, putFlowRoute, 201).warnings).toEqual(expect.arrayContaining([{ path: "states.3", message: expect.stringContaining("unreachable") }]));
    await t.request("DELETE", flowPath("warned"));
  });

  it.each([
    [
      "an unknown state target",
      (f: MenuFlow) => ({ ...f, states: [f.states[0], { ...f.states[1], transitions: [{ to: "nowhere" }] }, f.states[2]] }),
      "states.1.transitions.0.to",
    ],
    ["no initial state", (f: MenuFlow) => ({ ...f, states: f.states.map((s) => ({ ...s, initial: false })) }), "states"],
    [
      "an invalid condition",
      (f: MenuFlow) => ({ ...f, states: [f.states[0], { ...f.states[1], transitions: [{ to: "cs", condition: 'content == "1" &&' }] }, f.states[2]] }),
      "states.1.transitions.0.condition",
    ],
    ["a duplicate state name", (f: MenuFlow) => ({ ...f, states: [...f.states, { name: "menu" }] }), "states.3.name"],
    ["a duplicate intent name", (f: MenuFlow) => ({ ...f, intents: [...f.intents, { name: "greet" }] }), "intents.2.name"],
    [
      "an unknown division",
      (f: MenuFlow) => ({ ...f, states: [f.states[0], f.states[1], { ...f.states[2], actions: [{ type: "handover", divisionId: "vip" }] }] }),
      "states.2.actions.0.divisionId",
    ],
  ])("rejects %s with 400 and the path", async (_name, change, path) => {
    const res = await t.request("PUT", flowPath("bad"), { body: change(menuFlow()) });
    expect(bodyOf(res, putFlowRoute, 400).errors?.map((e) => e.path)).toContain(path);
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
    expect(bodyOf(await say("halo"), simulateTurnRoute, 200).messages).toEqual([{ content: "Ketik 1 untuk CS" }]);
    expect(bodyOf(await say("1"), simulateTurnRoute, 200).decision).toMatchObject({ route: "handover", divisionId: bot.divisions.cards, source: "flow" });

    const exported = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/export`), exportBotRoute, 200);
    const cardsFlow = exported.flows.find((f) => f.id === "cards-menu");
    expect(handoverTarget(cardsFlow)).toBe(bot.divisions.cards);
    const imported = bodyOf(await t.request("POST", "/v1/bots/import", { body: exported }), importBotRoute, 201);
    const copy = bodyOf(await t.request("GET", `/v1/bots/${imported.id}/flows/cards-menu`), getFlowRoute, 200);
    expect(handoverTarget(copy.flow)).toBe(imported.divisionIds[bot.divisions.cards!]);
    expect(handoverTarget(copy.flow)).not.toBe(bot.divisions.cards);
  });

  it("rejects an import whose flow names a division the document lacks, with the path", async () => {
    const exported = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/export`), exportBotRoute, 200);
    const flows = [
      {
        id: "x",
        ...menuFlow(),
        states: [menuFlow().states[0], menuFlow().states[1], { name: "cs", end: true, actions: [{ type: "handover", divisionId: "ghost" }] }],
      },
    ];
    const res = await t.request("POST", "/v1/bots/import", { body: { ...exported, flows } });
    expect(bodyOf(res, importBotRoute, 400).errors?.[0]?.path).toBe("flows.0.states.2.actions.0.divisionId");
  });
});
