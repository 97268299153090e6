import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertEventsWithJobs } from "../../src/db/queries/inbox-events-insert.js";
import { inboxEvents } from "../../src/db/schema/inbox-events.js";
import { jobs } from "../../src/db/schema/jobs.js";
import { createDeliveryWriter } from "../../src/services/turn/intake/delivery-writer.js";
import { conversationKey, maxAttempts, queues } from "../../src/services/queue/queues.js";
import { type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import type { TestApp } from "../harness/test-app.js";

let t: TestApp;
let bot: TestBot;
useAppWithRoutingBot((app, created) => {
  t = app;
  bot = created;
});

const at = new Date("2026-01-15T02:30:00.000Z");
const row = (key: string, conversationId: number) => ({
  event: {
    botId: bot.id,
    dedupeKey: key,
    event: "message_created",
    kind: "turn",
    conversationId,
    messageId: 1,
    content: key,
    payloadJson: JSON.stringify({ key }),
    receivedAt: at,
  },
  job: { queue: queues.inbound, orderingKey: conversationKey(bot.id, conversationId), payloadKey: "eventId", maxAttempts: maxAttempts.inbound, runAt: at },
});

describe("storing deliveries in batches", () => {
  it("inserts new events with their jobs in input order and reports duplicates, stored or in the same batch", async () => {
    const [first] = await insertEventsWithJobs(t.db, [row("a", 1)]);
    expect(first).toBeGreaterThan(0);
    const ids = await insertEventsWithJobs(t.db, [row("b", 1), row("a", 1), row("c", 2), row("b", 1), row("d", 1)]);
    expect(ids.map((id) => id !== undefined)).toEqual([true, false, true, false, true]);
    expect(ids[0]! < ids[2]! && ids[2]! < ids[4]!).toBe(true);
    const stored = await t.db.select({ key: inboxEvents.dedupeKey }).from(inboxEvents).where(eq(inboxEvents.botId, bot.id)).orderBy(asc(inboxEvents.id));
    expect(stored.map((s) => s.key)).toEqual(["a", "b", "c", "d"]);
    const queued = await t.db.select({ payload: jobs.payload, key: jobs.orderingKey }).from(jobs).where(eq(jobs.botId, bot.id)).orderBy(asc(jobs.id));
    expect(queued.map((j) => j.payload.eventId)).toEqual([first, ids[0], ids[2], ids[4]]);
  });

  it("groups concurrent writes and answers each caller with its own row's fate", async () => {
    const write = createDeliveryWriter(t.db);
    const keys = Array.from({ length: 60 }, (_, i) => `burst-${String(i % 50)}`); // ten repeats
    const results = await Promise.all(keys.map((key, i) => write(row(key, 100 + (i % 5)))));
    expect(results.filter((id) => id !== undefined)).toHaveLength(50);
    expect(results.slice(50).every((id) => id === undefined)).toBe(true);
    const burst = (await t.db.select({ key: inboxEvents.dedupeKey }).from(inboxEvents).where(eq(inboxEvents.botId, bot.id)).orderBy(asc(inboxEvents.id)))
      .map((s) => s.key)
      .filter((k) => k.startsWith("burst-"));
    expect(burst).toEqual(keys.slice(0, 50));
  });

  it("isolates a failing row: its neighbours in the batch are still stored", async () => {
    const write = createDeliveryWriter(t.db);
    const bad = { ...row("bad", 1), event: { ...row("bad", 1).event, botId: "bot_missing" } }; // violates the bot foreign key
    const outcome = await Promise.allSettled([write(row("ok-1", 1)), write(row("ok-2", 1)), write(bad), write(row("ok-3", 1))]);
    expect(outcome.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  });
});
