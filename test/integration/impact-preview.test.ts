import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDivisionRoute } from "../../src/http/routes/divisions/get-division.js";
import { previewImpactRoute } from "../../src/http/routes/evals/preview-impact.js";
import { fixedClock } from "../../src/time/clock.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { openApiDocument } from "../harness/openapi-document.js";
import type { TestResponse } from "../harness/read-response.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";
import { createLlmMock, type LlmRequest, openAiBaseUrl, type RouteAnswer } from "../msw/llm.js";
import { useMswServer } from "../msw/server.js";

const llm = createLlmMock();
useMswServer(...llm.handlers);

// The inbox the bots belong to: a simulated handover reads agent presence from it.
let inbox: TestInbox;
beforeAll(async () => {
  inbox = await startInbox(fixedClock("2026-01-15T02:30:00.000Z"));
});
afterAll(async () => {
  await inbox.close();
});

const preview = (t: TestApp, botId: string, body: unknown) => t.request("POST", `/v1/bots/${botId}/evals`, { body });
const errorPaths = (res: TestResponse) => bodyOf(res, previewImpactRoute, 400).errors?.map((e) => e.path);

// createRoutingBot: Cards keywords "kartu kredit", "blokir", "limit"; Complaints "komplain",
// "keluhan" and the default division. No LLM, so the keywords decide.
const keywordCases = (bot: TestBot) => [
  { id: "k1", text: "kartu kredit saya diblokir", expected: { route: "handover", division: "cards" } },
  { id: "k2", text: "kartu atm saya ketelan mesin", expected: { route: "handover", division: bot.divisions.cards } },
  { id: "k3", text: "saya mau komplain soal layanan", expected: { route: "handover", division: bot.divisions.complaints } },
  { id: "k4", text: "halo selamat pagi", expected: { route: "bot" } },
  { id: "k5", text: "limit saya kurang", expected: { route: "handover", division: bot.divisions.cards } },
];
// Adds "atm", drops "limit": k2 now reaches Cards, k5 no longer does.
const keywordDraft = (bot: TestBot) => ({ divisions: [{ id: bot.divisions.cards, keywords: ["kartu kredit", "blokir", "atm"] }] });

describe("impact preview without an LLM", () => {
  let t: TestApp;
  let bot: TestBot;
  beforeAll(async () => {
    t = await createTestApp({ inbox: emulatorClientOptions });
    bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
  });
  afterAll(async () => {
    await t.close();
  });

  it("runs a dataset against live and draft and lists exactly the turns whose decision changes", async () => {
    const res = await preview(t, bot.id, { dataset: { cases: keywordCases(bot) }, draft: keywordDraft(bot) });
    const out = bodyOf(res, previewImpactRoute, 200);
    const { cards, complaints } = bot.divisions;
    expect(out).toMatchObject({ source: "dataset", n: 5, draftChanges: [`division Cards (${cards}): keywords`] });
    expect(out.warnings).toContain(
      "no routing LLM is configured: both sides use the deterministic router (keywords, examples), so prompt edits change nothing",
    );
    expect(out.changed).toEqual([
      { id: "k2", text: "kartu atm saya ketelan mesin", expected: cards, live: "bot", draft: cards, change: "fixed" },
      { id: "k5", text: "limit saya kurang", expected: cards, live: cards, draft: "bot", change: "broken" },
    ]);
    // Labels come back as this bot's division ids: "cards" (a name) resolved to the Cards id.
    expect(out.live.cases.map((c) => [c.id, c.expected, c.predicted])).toEqual([
      ["k1", cards, cards],
      ["k2", cards, "bot"],
      ["k3", complaints, complaints],
      ["k4", "bot", "bot"],
      ["k5", cards, cards],
    ]);
    expect(out.live).toMatchObject({ n: 5, accuracy: 0.8, provider: "none" });
    expect(out.draft).toMatchObject({ n: 5, accuracy: 0.8, provider: "none" });
    expect(out.live.datasetSha256).toBe(out.draft.datasetSha256);
    expect(out.comparison.metrics.accuracy).toEqual({ before: 0.8, after: 0.8, delta: 0 });
    expect(out.comparison.perLabel[cards!]?.recall.before).toBeCloseTo(2 / 3);
    // The live bot itself is untouched: the draft was never saved.
    const division = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/divisions/${String(cards)}`), getDivisionRoute, 200);
    expect(division.keywords).toEqual(["kartu kredit", "blokir", "limit"]);
  });

  it("replays the latest routed turns, expecting what the bot decided then", async () => {
    const own = await createRoutingBot(t, { omnichat: inbox.credentials() });
    const none = bodyOf(await preview(t, own.id, { recentTurns: { limit: 10 }, draft: {} }), previewImpactRoute, 200);
    expect(none).toMatchObject({ source: "recent_turns", n: 0, changed: [] });
    expect(none.warnings).toContain("the bot has no routed turns with text yet");

    const texts = ["kartu kredit saya hilang", "kartu atm saya ketelan mesin", "halo selamat pagi"];
    for (const [i, text] of texts.entries()) {
      const sim = await t.request("POST", `/v1/bots/${own.id}/simulate`, { body: { conversationId: 500 + i, text } });
      expect(sim.status).toBe(200);
    }
    const res = await preview(t, own.id, { recentTurns: { limit: 2 }, draft: keywordDraft(own) });
    const out = bodyOf(res, previewImpactRoute, 200);
    expect(out).toMatchObject({ source: "recent_turns", n: 2 });
    expect(out.note).toContain("agreement with past behaviour");
    // Newest first; ids are decision ids; the live replay agrees with what was decided then.
    expect(out.live.cases.map((c) => c.text)).toEqual(["halo selamat pagi", "kartu atm saya ketelan mesin"]);
    expect(out.live.cases.every((c) => /^dec_/.test(c.id))).toBe(true);
    expect(out.live.accuracy).toBe(1);
    expect(out.changed).toEqual([
      {
        id: expect.stringMatching(/^dec_/),
        text: "kartu atm saya ketelan mesin",
        expected: "bot",
        live: "bot",
        draft: own.divisions.cards,
        change: "broken",
        conversationId: 501,
      },
    ]);
  });

  it("answers 400 naming the field, and 404 for an unknown bot", async () => {
    const cases = keywordCases(bot);
    const both = await preview(t, bot.id, { dataset: { cases }, recentTurns: { limit: 5 }, draft: {} });
    expect(errorPaths(both)).toEqual(["recentTurns"]);
    const neither = await preview(t, bot.id, { draft: {} });
    expect(errorPaths(neither)).toEqual(["dataset"]);

    const unknownDivision = await preview(t, bot.id, { dataset: { cases }, draft: { divisions: [{ id: "div_nope", prompt: "x" }] } });
    expect(errorPaths(unknownDivision)).toEqual(["draft.divisions.0.id"]);
    const unknownDefault = await preview(t, bot.id, { dataset: { cases }, draft: { settings: { defaultDivisionId: "div_nope" } } });
    expect(errorPaths(unknownDefault)).toEqual(["draft.settings.defaultDivisionId"]);
    const badThreshold = await preview(t, bot.id, { dataset: { cases }, draft: { settings: { confidenceThreshold: 2 } } });
    expect(errorPaths(badThreshold)).toEqual(["draft.settings.confidenceThreshold"]);

    const jsonl = [JSON.stringify(cases[0]), '{"id":"x2","text":"halo","expected":{"route":"maybe"}}'].join("\n");
    const badLine = await preview(t, bot.id, { dataset: { jsonl }, draft: {} });
    expect(bodyOf(badLine, previewImpactRoute, 400).errors).toEqual([{ path: "dataset.jsonl", message: expect.stringMatching(/^line 2: expected\.route: /) }]);
    const badCase = await preview(t, bot.id, { dataset: { cases: [cases[0], { id: "x", text: "halo" }] }, draft: {} });
    expect(errorPaths(badCase)).toEqual(["dataset.cases.1.expected"]);
    const duplicate = await preview(t, bot.id, { dataset: { cases: [cases[0], cases[0]] }, draft: {} });
    expect(errorPaths(duplicate)).toEqual(["dataset.cases.1.id"]);

    const missing = await preview(t, "bot_unknown", { dataset: { cases }, draft: {} });
    expect(missing.status).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await openApiDocument(t);
    const op = doc.paths["/v1/bots/{botId}/evals"]?.post;
    expect(op?.requestBody?.content["application/json"]?.schema.$ref).toBe("#/components/schemas/ImpactPreviewRequest");
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "404"]));
  });
});

describe("impact preview with an LLM", () => {
  let t: TestApp;
  let bot: TestBot;
  beforeAll(async () => {
    t = await createTestApp({ inbox: emulatorClientOptions, llm: { provider: "openai", baseUrl: openAiBaseUrl } });
    bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    llm.reset();
    // The model reads the Cards line of the prompt: annual-fee questions go to Cards only when
    // the Cards prompt says so. The id is whatever the throwaway import gave Cards.
    llm.answerWith((req: LlmRequest): RouteAnswer => {
      const cards = /^- (\S+): Cards — (.*)$/m.exec(req.system);
      if (cards && req.user.includes("iuran tahunan") && cards[2]!.includes("annual fee")) {
        return { action: "handover", division_id: cards[1]!, confidence: 0.9, reason: "annual fee question" };
      }
      return { action: "bot_reply", division_id: null, confidence: 0.9, reason: "general question", reply: "Halo!" };
    });
  });

  const cases = [
    { id: "p1", text: "iuran tahunan kartu saya kok mahal ya", expected: { route: "handover", division: "Cards" } },
    { id: "p2", text: "halo selamat pagi", expected: { route: "bot" } },
  ];

  it("shows the turns an edited division prompt would send elsewhere", async () => {
    const prompt = "Hand over credit card problems, including questions about the annual fee.";
    const res = await preview(t, bot.id, { dataset: { cases }, draft: { divisions: [{ id: bot.divisions.cards, prompt }] } });
    const out = bodyOf(res, previewImpactRoute, 200);
    expect(out.changed).toEqual([{ id: "p1", text: cases[0]!.text, expected: bot.divisions.cards, live: "bot", draft: bot.divisions.cards, change: "fixed" }]);
    expect(out.live).toMatchObject({ accuracy: 0.5, provider: "openai", model: expect.stringMatching(/^gpt-4o-mini/), sourceCounts: { llm: 2 } });
    expect(out.draft).toMatchObject({ accuracy: 1, sourceCounts: { llm: 2 } });
    expect(out.live.promptVersion).not.toBe(out.draft.promptVersion);
    expect(out.comparison.metrics.accuracy).toEqual({ before: 0.5, after: 1, delta: 0.5 });
    // A changed prompt is a new question for every case: two calls per side.
    expect(llm.requests).toHaveLength(4);
    expect(llm.requests.filter((r) => r.system.includes("annual fee"))).toHaveLength(2);
  });

  it("answers the draft from the live run's responses when its prompt is unchanged", async () => {
    const res = await preview(t, bot.id, { dataset: { cases }, draft: { divisions: [{ id: bot.divisions.cards, keywords: ["iuran"] }] } });
    const out = bodyOf(res, previewImpactRoute, 200);
    expect(out.changed).toEqual([]);
    expect(out.live.cachedResponses).toBe(0);
    expect(out.draft.cachedResponses).toBe(2);
    expect(out.live.promptVersion).toBe(out.draft.promptVersion);
    expect(llm.requests).toHaveLength(2);
  });
});
