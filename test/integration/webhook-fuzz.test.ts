import { count, eq } from "drizzle-orm";
import pLimit from "p-limit";
import { describe, expect, it } from "vitest";
import { inboxEvents } from "../../src/db/schema/inbox-events.js";
import { ProblemSchema } from "../../src/http/problem.js";
import { receiveWebhookRoute } from "../../src/http/routes/webhooks/receive-webhook.js";
import { fuzzedBody, seededRandom } from "../fuzz/mutate.js";
import { type DeliveryBody, realBodies } from "../fuzz/webhook-corpus.js";
import { type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import type { TestApp } from "../harness/test-app.js";

// Structure-aware fuzzing of the webhook with real payload shapes (Chatwoot fixtures and the
// emulator's deliveries under each version profile). Seeded: FUZZ_SEED and FUZZ_BODIES replay a run.
const seed = Number(process.env.FUZZ_SEED ?? 20260115);
const total = Number(process.env.FUZZ_BODIES ?? 10_000);
const inFlight = 128;

let t: TestApp;
let bot: TestBot;
let corpus: DeliveryBody[];
useAppWithRoutingBot(async (app, created) => {
  t = app;
  bot = created;
  corpus = await realBodies();
});

type Outcome = { index: number; status: number; result: string; path: string | null };
const acknowledgement = receiveWebhookRoute.responses[200].content["application/json"].schema;

async function deliver(raw: string, index: number): Promise<Outcome> {
  const res = await t.request("POST", bot.webhookPath, { raw, headers: { "content-type": "application/json" }, token: null });
  // Accepted: the contract's `{ status, kind }`; refused: a problem. Anything else is reported as it came, and fails the test.
  if (res.status === 200) {
    const acknowledged = acknowledgement.safeParse(res.body);
    return { index, status: 200, result: acknowledged.success ? acknowledged.data.status : `not the contract: ${res.text.slice(0, 80)}`, path: null };
  }
  const problem = ProblemSchema.safeParse(res.body);
  if (!problem.success || !(res.headers.get("content-type")?.includes("application/problem+json") ?? false)) {
    return { index, status: res.status, result: `not a problem: ${res.text.slice(0, 80)}`, path: null };
  }
  return { index, status: res.status, result: problem.data.code, path: problem.data.errors?.[0]?.path ?? null };
}

describe("webhook fuzzing", () => {
  it(`${String(total)} fuzzed real-shaped bodies: never a 5xx, every 4xx a problem naming a field, every "accepted" stored`, async () => {
    expect(corpus.length).toBeGreaterThan(40);
    const random = seededRandom(seed);
    const bodies = Array.from({ length: total }, (_, i) => fuzzedBody(corpus[i % corpus.length]!, random, i));
    const started = performance.now();
    const limit = pLimit(inFlight);
    const outcomes = await Promise.all(bodies.map((raw, i) => limit(() => deliver(raw, i))));
    const seconds = (performance.now() - started) / 1000;

    const byOutcome: Record<string, number> = {};
    for (const o of outcomes) byOutcome[`${String(o.status)} ${o.result}`] = (byOutcome[`${String(o.status)} ${o.result}`] ?? 0) + 1;
    console.log(`webhook fuzz: seed ${String(seed)}, ${String(total)} bodies in ${seconds.toFixed(1)} s; ${JSON.stringify(byOutcome)}`);

    // A failure names its index: the same seed makes the same body again.
    const failures = outcomes.filter((o) => o.status >= 500 || (o.status !== 200 && o.path === null));
    expect(failures.slice(0, 5).map((o) => ({ ...o, body: bodies[o.index]?.slice(0, 300) }))).toEqual([]);
    expect(outcomes.every((o) => o.status === 200 || o.status === 400)).toBe(true);
    expect(seconds).toBeLessThan(120);

    const accepted = outcomes.filter((o) => o.result === "accepted").length;
    const [stored] = await t.db.select({ n: count() }).from(inboxEvents).where(eq(inboxEvents.botId, bot.id));
    expect(stored?.n).toBe(accepted);
    expect(accepted).toBeGreaterThan(total / 10);
    expect(outcomes.filter((o) => o.status === 400).length).toBeGreaterThan(total / 10);

    // Still serving afterwards.
    expect((await t.request("GET", "/health", { token: null })).status).toBe(200);
  });
});
