import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDecision } from "../../src/db/queries/decisions.js";
import { getAnalyticsRoute } from "../../src/http/routes/analytics/get-analytics.js";
import { checkConnectionRoute } from "../../src/http/routes/bots/check-connection.js";
import { listConversationsRoute } from "../../src/http/routes/conversations/list-conversations.js";
import { previewOfficeHoursRoute } from "../../src/http/routes/settings/preview-office-hours.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import type { TestApp } from "../harness/test-app.js";

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" }));
const jakartaHours = { timezone: "Asia/Jakarta", weekly: weekdays, holidays: [{ date: "2026-01-16", name: "Isra Mikraj" }] };

let app: E2eApp;
let t: TestApp;
let inbox: TestInbox;
let bot: TestBot;
/** The inbox's conversation with a live turn (the inbox had three conversations before it). */
let live: number;
beforeAll(async () => {
  app = await createE2eApp(); // Thursday 2026-01-15, 09:30 in Jakarta
  t = app.t;
  inbox = await startInbox(t.clock);
  for (let i = 0; i < 3; i++) inbox.newConversation();
  bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
  await t.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: jakartaHours });
});
afterAll(async () => {
  await app.close();
});

const simulate = (conversationId: number, text: string) => t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId, text } });
const analytics = async (query: string) => bodyOf(await t.request("GET", `/v1/bots/${bot.id}/analytics?${query}`), getAnalyticsRoute, 200);

/** A decision as the pipeline records it, for what a test cannot provoke here (an LLM call, an agent's re-route). */
async function recordDecision(conversationId: number, fields: Record<string, unknown>) {
  await insertDecision(t.db, {
    id: `dec_test_${String(conversationId)}_${String(Math.random()).slice(2, 8)}`,
    botId: bot.id,
    conversationId,
    route: "handover",
    divisionId: bot.divisions.cards,
    confidence: 0.9,
    reason: "card problem",
    source: "llm",
    createdAt: new Date("2026-01-14T03:00:00.000Z"),
    ...fields,
  });
}

describe("analytics", () => {
  it("counts test-chat turns only when asked, with handovers by division and availability, fallbacks and their cause", async () => {
    expect((await simulate(1, "kartu kredit saya diblokir")).status).toBe(200); // keyword handover to Cards, in hours
    expect((await simulate(2, "apa kabar dunia")).status).toBe(200); // no keyword, no LLM: the fallback reply
    t.clock.advance(10 * 3600_000); // 19:30 WIB: outside office hours
    expect((await simulate(3, "keluhan saya belum ditanggapi")).status).toBe(200);
    t.clock.advance(-10 * 3600_000);

    const live = await analytics("from=2026-01-15&to=2026-01-15");
    expect(live.totals.turns).toBe(0);
    expect(live.simulatedTurns).toBe(3);

    const all = await analytics("from=2026-01-15&to=2026-01-15&simulated=include");
    // Without an LLM every turn, keyword handovers included, is the deterministic fallback's.
    expect(all.totals).toMatchObject({ turns: 3, conversations: 3, handovers: 2, botAnswered: 1, fallbacks: 3 });
    expect(all.rates.handover).toBeCloseTo(2 / 3, 3);
    expect(all.rates.deflection).toBeCloseTo(1 / 3, 3);
    expect(all.handoverByAvailability).toEqual({ inHours: 1, offline: 0, outsideHours: 1 });
    expect(all.handoverByDivision).toEqual(
      expect.arrayContaining([
        { divisionId: bot.divisions.cards, name: "Cards", handovers: 1, misroutes: 0 },
        { divisionId: bot.divisions.complaints, name: "Complaints", handovers: 1, misroutes: 0 },
      ]),
    );
    expect(all.fallbackCauses).toEqual([{ cause: "no LLM configured", turns: 3 }]);
    expect(all.daily).toEqual([expect.objectContaining({ date: "2026-01-15", turns: 3, handovers: 2 })]);
  });

  it("reads live webhook turns, mis-routes, LLM latency and the estimated cost; days in the bot's time zone", async () => {
    inbox.deliverTo(app, bot.webhookPath);
    live = inbox.emulator.customerSays("limit kartu kredit saya", { contact: "live" }).conversationId;
    await app.settle();
    expect(inbox.emulator.conversation({ conversationId: live })).toMatchObject({ status: "open", teamId: 2 });
    const tokens = { prompt: 1_000_000, completion: 100_000, cached: 0 };
    await recordDecision(41, {
      model: "gpt-4o-mini",
      latencyMs: 800,
      tokens,
      outcome: {
        handover: { divisionId: bot.divisions.cards, availability: "offline", handedOver: true },
        misrouted: { toDivisionId: bot.divisions.complaints },
      },
    });
    await recordDecision(42, {
      model: "gpt-4o-mini",
      latencyMs: 1200,
      tokens,
      route: "bot_reply",
      divisionId: null,
      source: "fallback",
      reason: "no keyword matched (fallback: timeout: deadline of 6000 ms)",
    });

    const res = await analytics("from=2026-01-14&to=2026-01-15");
    expect(res.totals).toMatchObject({ turns: 3, handovers: 2, misroutes: 1, fallbacks: 2 });
    expect(res.rates.misroute).toBe(0.5);
    expect(res.handoverByAvailability).toEqual({ inHours: 1, offline: 1, outsideHours: 0 });
    expect(res.fallbackCauses).toEqual(
      expect.arrayContaining([
        { cause: "timeout", turns: 1 },
        { cause: "no LLM configured", turns: 1 },
      ]),
    );
    expect(res.daily.map((d) => [d.date, d.turns])).toEqual([
      ["2026-01-14", 2],
      ["2026-01-15", 1],
    ]);
    expect(res.llm).toMatchObject({ calls: 2, p50Ms: 1000, tokens: { prompt: 2_000_000, completion: 200_000, cached: 0 } });
    // gpt-4o-mini: 0.15 USD per 1M input, 0.60 per 1M output (src/domain/llm-prices.ts).
    expect(res.llm.estimatedCostUsd).toBeCloseTo(2 * (0.15 + 0.06), 6);
  });

  it("defaults to the last seven days and rejects a reversed or malformed period at its field", async () => {
    const res = await analytics("");
    expect([res.from, res.to, res.daily.length]).toEqual(["2026-01-09", "2026-01-15", 7]);
    const reversed = await t.request("GET", `/v1/bots/${bot.id}/analytics?from=2026-01-15&to=2026-01-01`);
    expect(bodyOf(reversed, getAnalyticsRoute, 400).errors?.[0]?.path).toBe("from");
    const malformed = await t.request("GET", `/v1/bots/${bot.id}/analytics?to=15-01-2026`);
    expect(bodyOf(malformed, getAnalyticsRoute, 400).errors?.[0]?.path).toBe("query.to");
    expect((await t.request("GET", "/v1/bots/bot_nope/analytics")).status).toBe(404);
  });
});

describe("conversations, office-hours preview and connection check", () => {
  it("lists recent conversations, newest first, with the last decision and pages", async () => {
    const body = bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations?limit=2`), listConversationsRoute, 200);
    expect(body.conversations).toHaveLength(2);
    // Conversation 3 was written last (the clock stood at 19:30 WIB); the live one, 2 and 1 share one time.
    expect(live).toBe(4);
    expect(body.conversations.map((c) => c.conversationId)).toEqual([3, live]);
    expect(body.conversations[1]).toMatchObject({ owner: "human", simulated: false, lastCustomerText: "limit kartu kredit saya", decisionCount: 1 });
    expect(body.conversations[1]?.lastDecision).toMatchObject({ route: "handover", divisionId: bot.divisions.cards });
    const next = bodyOf(
      await t.request("GET", `/v1/bots/${bot.id}/conversations?before=${encodeURIComponent(String(body.nextBefore))}`),
      listConversationsRoute,
      200,
    );
    expect(next.conversations.map((c) => c.conversationId)).toEqual([2, 1]);
    expect(next.conversations.every((c) => c.simulated)).toBe(true);
    expect(next.nextBefore).toBeNull();
    const bad = await t.request("GET", `/v1/bots/${bot.id}/conversations?before=yesterday`);
    expect(bodyOf(bad, listConversationsRoute, 400).errors?.[0]?.path).toBe("query.before");
  });

  it("previews office hours: open now, or closed with the next opening as {{nextOpening}} says it", async () => {
    const stored = bodyOf(await t.request("POST", `/v1/bots/${bot.id}/office-hours/preview`, { body: {} }), previewOfficeHoursRoute, 200);
    expect(stored).toMatchObject({ source: "bot", open: true, nextOpening: null, timeZone: "Asia/Jakarta" });
    const draft = { ...jakartaHours, weekly: [{ day: 1, open: "08:00", close: "17:00" }] };
    const closed = bodyOf(await t.request("POST", `/v1/bots/${bot.id}/office-hours/preview`, { body: { officeHours: draft } }), previewOfficeHoursRoute, 200);
    expect(closed).toMatchObject({
      source: "draft",
      open: false,
      nextOpeningAt: "2026-01-19T08:00:00.000+07:00",
      nextOpening: "pada Senin, 19 Januari 2026 pukul 08.00 WIB",
    });
    const bad = await t.request("POST", `/v1/bots/${bot.id}/office-hours/preview`, { body: { officeHours: { ...draft, timezone: "Mars/Base" } } });
    expect(bodyOf(bad, previewOfficeHoursRoute, 400).errors?.[0]?.path).toBe("officeHours.timezone");
  });

  it("checks the inbox connection with read calls only", async () => {
    inbox.reset();
    const res = await t.request("POST", `/v1/bots/${bot.id}/connection-check`);
    const checks = Object.fromEntries(bodyOf(res, checkConnectionRoute, 200).checks.map((c) => [c.name, c]));
    expect(checks.credentials?.status).toBe("ok");
    expect(checks.agents).toMatchObject({ status: "ok", detail: "4 agents, 3 online" });
    expect(checks.webhook?.status).toBe("ok");
    expect(checks.lastSend?.status).toBe("ok");
    expect(inbox.calls().map((c) => c.call)).toEqual(["GET /agents", "GET /inboxes/3"]);
  });
});

describe("the console's files", () => {
  it("serves the page, its modules, its libraries and the example bots without a token", async () => {
    const page = await t.app.request("/console");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="importmap">');
    const preact = await t.app.request("/console/vendor/preact.mjs");
    expect(preact.headers.get("content-type")).toContain("text/javascript");
    expect((await t.app.request("/console/app/main.js")).status).toBe(200);
    const examples = z.array(z.string()).parse(await (await t.app.request("/console/examples")).json());
    expect(examples).toEqual(["bank-abc-instagram", "bank-abc-simple"]);
    expect((await t.app.request("/console/examples/bank-abc-simple.json")).status).toBe(200);
    expect((await t.app.request("/console/../package.json")).status).toBe(404);
    expect((await t.app.request("/console/app/%2e%2e/%2e%2e/package.json")).status).toBe(404);
  });
});
