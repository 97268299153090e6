import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDivisionsRoute } from "../../src/http/routes/divisions/list-divisions.js";
import { scripts } from "../e2e/scenarios.js";
import { connectInbox, createE2eApp, type E2eApp, type E2eInbox } from "../harness/e2e.js";
import { bodyOf } from "../harness/contract.js";
import { createLlmMock, openAiBaseUrl } from "../msw/llm.js";
import { useMswServer } from "../msw/server.js";

// An operator's view: /metrics scraped as Prometheus would, after real turns through the webhook,
// the LLM (msw at the vendor's HTTP boundary) and the Chatwoot emulator; /ready with a stuck queue.

const llm = createLlmMock({ usage: { prompt: 1000, cached: 800, completion: 50 } });
useMswServer(...llm.handlers);
const script = scripts["bank-abc-simple"];
let app: E2eApp;
let inbox: E2eInbox;

beforeAll(async () => {
  app = await createE2eApp({ llm: { provider: "openai", baseUrl: openAiBaseUrl, model: "gpt-4o-mini" } });
  inbox = await connectInbox(app, { bot: "bank-abc-simple", profile: "current" });
});
afterAll(async () => {
  await app.close();
});

const scrape = async () => {
  const res = await app.t.request("GET", "/metrics");
  expect(res.status).toBe(200);
  return res.text;
};
/** The value of one sample line, e.g. `switchboard_decisions_total{route="flow",source="flow"}`. */
const sample = (text: string, name: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe("GET /metrics", () => {
  it("needs the admin token", async () => {
    expect((await app.t.request("GET", "/metrics", { token: null })).status).toBe(401);
  });

  it("counts acknowledgements, turns, the LLM, handovers and inbox calls", async () => {
    const divisions = bodyOf(await app.t.request("GET", `/v1/bots/${inbox.botId}/divisions`), listDivisionsRoute, 200).items;
    const cards = divisions.find((d) => /kartu/i.test(d.name));
    llm.answerWith(() => ({ action: "handover", division_id: String(cards?.id), confidence: 0.93, reason: "lost card" }));
    const contact = "metrics-customer";
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
    await inbox.customer(contact, "2");
    await inbox.customer(contact, "kartu kredit saya hilang, tolong diblokir");

    const text = await scrape();
    expect(sample(text, 'switchboard_webhook_ack_seconds_count{outcome="accepted"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'switchboard_decisions_total{route="flow",source="flow"}')).toBe(2);
    expect(sample(text, 'switchboard_decisions_total{route="handover",source="llm"}')).toBe(1);
    expect(sample(text, `switchboard_handovers_total{division="${String(cards?.id)}",availability="available",handed_over="true"}`)).toBe(1);
    expect(sample(text, 'switchboard_llm_seconds_count{provider="openai",outcome="ok"}')).toBe(1);
    expect(sample(text, 'switchboard_llm_tokens_total{provider="openai",model="gpt-4o-mini-2024-07-18",kind="completion"}')).toBe(50);
    // The model answers as its dated snapshot, priced as gpt-4o-mini: (200 × 0.15 + 800 × 0.075 + 50 × 0.6) / 1M USD (src/domain/llm-prices.ts).
    expect(sample(text, 'switchboard_llm_estimated_cost_usd_total{provider="openai",model="gpt-4o-mini-2024-07-18"}')).toBeCloseTo(0.00012, 9);
    expect(sample(text, 'switchboard_inbox_api_calls_total{operation="send message",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'switchboard_inbox_api_calls_total{operation="toggle status",outcome="ok"}')).toBe(1);
    expect(sample(text, "switchboard_first_reply_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'switchboard_llm_concurrency{state="in_flight"}')).toBe(0);
    expect(text).toContain("switchboard_process_cpu_seconds_total");
  });

  it("shows the fallback and its cause when the LLM fails", async () => {
    llm.failNext("500", "500");
    const contact = "metrics-fallback";
    await inbox.customer(contact, "halo");
    await inbox.customer(contact, "2");
    await inbox.customer(contact, "mau tanya promo kartu kredit");
    const text = await scrape();
    expect(sample(text, 'switchboard_fallbacks_total{cause="llm_error"}')).toBe(1);
    expect(sample(text, 'switchboard_llm_errors_total{provider="openai",kind="server"}')).toBe(1);
  });
});

describe("the queue's claims", () => {
  it("are counted per queue, with whether they found jobs", async () => {
    // The harness runs jobs in the test's own steps; a started worker claims as a deployment's does.
    app.t.worker.start();
    let text = await scrape();
    const claimed = () => sample(text, 'switchboard_queue_claims_total{queue="inbound",result="empty"}');
    for (let i = 0; i < 100 && claimed() === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      text = await scrape();
    }
    await app.t.worker.stop();
    expect(claimed()).toBeGreaterThanOrEqual(1);
    expect(text).toContain('switchboard_queue_claims_total{queue="outbound",result="empty"}');
  });
});

describe("GET /ready", () => {
  it("reports the queue, and a stuck one: a due job nobody claimed for longer than the limit", async () => {
    expect((await app.t.request("GET", "/ready", { token: null })).body).toEqual({ ready: true, database: "ok", queue: "ok", stuck: [] });
    const dueAt = new Date(app.t.clock.now().toMillis() - 301_000).toISOString();
    await app.t.db.execute(
      sql`insert into jobs (queue, bot_id, ordering_key, payload, max_attempts, run_at, created_at)
        values ('inbound', 'b', 'stuck:1', '{}', 8, ${dueAt}, ${dueAt})`,
    );
    const scraped = await scrape();
    expect(sample(scraped, 'switchboard_queue_jobs{queue="inbound",status="pending"}')).toBe(1);
    expect(sample(scraped, 'switchboard_queue_oldest_due_seconds{queue="inbound"}')).toBeCloseTo(301, 0);
    const res = await app.t.request("GET", "/ready", { token: null });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ready: false, queue: "stuck", stuck: [{ queue: "inbound", oldestDueSeconds: 301 }] });
    await app.t.db.execute(sql`delete from jobs where ordering_key = 'stuck:1'`);
  });
});
