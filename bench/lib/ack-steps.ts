import { sql } from "drizzle-orm";
import { findBot } from "../../src/db/queries/bots.js";
import { acceptDelivery } from "../../src/services/inbox/accept-delivery.js";
import { createBareApp } from "./bare-app.js";
import { createSubject } from "./subject.js";
import { webhookBodies } from "./webhook-payload.js";

export type StepCost = { step: string; msPerCall: number; calls: number };

/**
 * A diagnostic, not a load test: the acknowledgement's parts timed one call after another in this
 * process (no sockets, no concurrency), so their costs can be compared. Bounded per step by a call
 * count and a time limit.
 */
export async function measureAckSteps(options: { calls: number; maxMsPerStep: number }): Promise<StepCost[]> {
  const subject = await createSubject({ canSkipWrites: true });
  const bare = createBareApp();
  const bodies = webhookBodies({ firstMessageId: 5_000_000, firstConversationId: 20_000, conversations: 512 });
  let seq = 0;
  const { db } = subject.deps;
  const delivery = () => ({ botId: subject.bot.id, token: subject.bot.token, rawBody: Buffer.from(bodies.body(seq++)), signature: undefined, timestamp: undefined });
  const post = async (app: { fetch: (request: Request) => Response | Promise<Response> }, path: string) => {
    const request = new Request(`http://127.0.0.1${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: bodies.body(seq++) });
    const res = await app.fetch(request);
    if (res.status !== 200) throw new Error(`ack-steps: ${path} answered ${String(res.status)}`);
    return res.arrayBuffer();
  };

  const steps: [string, () => Promise<unknown>, boolean?][] = [
    ["bare Hono app.fetch (in-process)", () => post(bare, "/webhooks/omnichat/bot_baseline/token")],
    ["PGlite round trip: drizzle select 1", () => db.execute(sql`select 1`)],
    ["findBot (the bot lookup)", () => findBot(db, subject.bot.id)],
    ["acceptDelivery, insert skipped", () => acceptDelivery(subject.deps, delivery()), true],
    ["acceptDelivery (lookup + parse + classify + insert tx)", () => acceptDelivery(subject.deps, delivery())],
    ["Switchboard app.fetch(webhook) (in-process)", () => post(subject.app, subject.bot.webhookPath)],
  ];

  const costs: StepCost[] = [];
  try {
    for (const [step, call, skipWrites = false] of steps) {
      subject.skipWrites(skipWrites);
      for (let i = 0; i < Math.min(100, options.calls); i++) await call();
      const started = performance.now();
      let calls = 0;
      while (calls < options.calls && performance.now() - started < options.maxMsPerStep) {
        await call();
        calls++;
      }
      costs.push({ step, msPerCall: (performance.now() - started) / calls, calls });
    }
  } finally {
    await subject.database.close();
  }
  return costs;
}
