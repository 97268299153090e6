import { z } from "zod";
import { and, eq, inArray, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RetentionPeriods } from "../../src/config.js";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { decisions } from "../../src/db/schema/decisions.js";
import { inboxEvents } from "../../src/db/schema/inbox-events.js";
import { jobs, type JobStatus } from "../../src/db/schema/jobs.js";
import { getAnalyticsRoute } from "../../src/http/routes/analytics/get-analytics.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { runRetentionPass } from "../../src/services/retention/retention-pass.js";
import { createRetentionScheduler } from "../../src/services/retention/retention-scheduler.js";
import { incomingText } from "../fixtures/chatwoot/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { type BodyAt, bodyOf } from "../harness/contract.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

// Retention (docs/decisions/0016) on the test clock, against real turns through the webhook and
// the queue, answered by the Chatwoot emulator (each test's conversations exist there). Runs on
// PGlite and, in the Postgres suite, on a real Postgres.

const day = 86_400_000;
/** A pino line as the scheduler's tests read it: its message, the rest as logged. */
const logLine = z.looseObject({ msg: z.string().optional() });
const periods: RetentionPeriods = { transcriptsDays: 30, deliveriesDays: 30, jobsDays: 7, deadJobsDays: 30, decisionsDays: 180 };

let t: TestApp;
let inbox: TestInbox;
let bot: TestBot;
let message = 700_000;
/** A new conversation in the emulator, opened by a customer and pending for the bot. */
const newConversation = () => inbox.newConversation();

beforeAll(async () => {
  t = await createTestApp({ now: "2026-03-01T08:00:00.000Z", inbox: emulatorClientOptions });
  inbox = await startInbox(t.clock);
  bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
});
afterAll(async () => {
  await inbox.close();
  await t.close();
});
beforeEach(async () => {
  inbox.reset();
  // Each test starts from an empty queue and no deliveries, at its own point in time.
  await t.db.delete(jobs);
  await t.db.delete(inboxEvents);
  await t.db.delete(decisions);
});

const pass = (batchRows = 100, overrides: Partial<RetentionPeriods> = {}) =>
  runRetentionPass({ db: t.db, clock: t.clock, logger: t.deps.logger, metrics: t.deps.metrics }, { periods: { ...periods, ...overrides }, batchRows });
const rowsOf = (result: Awaited<ReturnType<typeof pass>>, step: string) => result.steps.find((s) => s.step === step);

/** A customer message delivered by the inbox and processed to the end. */
async function customerSays(conversationId: number, text: string, status = "pending") {
  const body = incomingText({ conversationId, messageId: ++message, text, status });
  const res = await postWebhook(t, bot.webhookPath, body);
  expect(res.status).toBe(200);
  await t.settle();
  return body;
}

const getConversation = async (id: number) => bodyOf(await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(id)}`), getConversationRoute, 200);

/** Jobs of every status, made `at` (finished then, for done and dead). */
async function jobsAt(statuses: JobStatus[], at: Date): Promise<number[]> {
  const ids = await jobsQ.insertJobs(
    t.db,
    statuses.map((_, i) => ({
      queue: "inbound",
      botId: bot.id,
      orderingKey: `retention-test:${String(at.getTime())}:${String(i)}`,
      payload: { eventId: 0 },
      maxAttempts: 8,
      runAt: new Date(at.getTime() + 365 * day),
    })),
    at,
  );
  for (const [i, status] of statuses.entries()) {
    const finished = status === "done" || status === "dead";
    await t.db
      .update(jobs)
      .set({
        status,
        finishedAt: finished ? at : null,
        lockedBy: status === "running" ? "worker-elsewhere" : null,
        lockedUntil: status === "running" ? new Date(at.getTime() + 400 * day) : null,
      })
      .where(eq(jobs.id, ids[i] ?? 0));
  }
  return ids;
}

const statusesLeft = async () => (await t.db.select({ status: jobs.status }).from(jobs)).map((r) => r.status).sort();

describe("finished jobs", () => {
  it("are deleted after their periods (done 7 days, dead 30), never pending or running ones, in bounded batches", async () => {
    const start = t.clock.now().toJSDate();
    await jobsAt(["done", "done", "done", "done", "done", "dead", "dead", "pending", "running"], start);
    t.clock.advance(6 * day);
    await jobsAt(["done"], t.clock.now().toJSDate());

    t.clock.advance(day + 60_000); // the first five done jobs are 7 days and a minute old, the sixth one day
    const first = await pass(2);
    expect(rowsOf(first, "done jobs")).toMatchObject({ rows: 5, batches: 3 }); // 2 + 2 + 1: never more than a batch at once
    expect(await statusesLeft()).toEqual(["dead", "dead", "done", "pending", "running"]);

    t.clock.advance(23 * day); // 30 days and a minute after the start
    const second = await pass(2);
    expect(rowsOf(second, "dead jobs")).toMatchObject({ rows: 2, batches: 2 });
    expect(rowsOf(second, "done jobs")).toMatchObject({ rows: 1 });
    expect(await statusesLeft()).toEqual(["pending", "running"]);
    expect(rowsOf(await pass(2), "dead jobs")).toMatchObject({ rows: 0, batches: 1 }); // idempotent
  });

  it("are kept forever when their period is off", async () => {
    await jobsAt(["done", "dead"], t.clock.now().toJSDate());
    t.clock.advance(400 * day);
    const result = await pass(100, { jobsDays: null, deadJobsDays: null });
    expect(result.steps.map((s) => s.step)).not.toContain("done jobs");
    expect(await statusesLeft()).toEqual(["dead", "done"]);
  });
});

describe("stored deliveries", () => {
  it("are deleted after their period, except while their conversation still has a job to run", async () => {
    const processed = newConversation();
    const waiting = newConversation();
    await customerSays(processed, "halo, mau tanya saldo");
    // A delivery whose turn has not run yet (no worker has claimed its job).
    await postWebhook(t, bot.webhookPath, incomingText({ conversationId: waiting, messageId: ++message, text: "halo lagi" }));
    const events = (id: number) =>
      t.db
        .select({ id: inboxEvents.id })
        .from(inboxEvents)
        .where(and(eq(inboxEvents.botId, bot.id), eq(inboxEvents.conversationId, id)));
    expect(await events(processed)).toHaveLength(1);

    t.clock.advance(30 * day + 60_000);
    const result = await pass();
    expect(rowsOf(result, "deliveries")).toMatchObject({ rows: 1 });
    expect(await events(processed)).toHaveLength(0);
    expect(await events(waiting)).toHaveLength(1);
    // Its job still finds the delivery and runs.
    await t.settle();
    expect(await statusesLeft()).not.toContain("dead");
    expect((await getConversation(waiting)).history.map((h) => h.text)).toContain("halo lagi");
  });

  it("still de-duplicate a delivery the inbox sends again within the 30-day window, after passes pruned older ones", async () => {
    const id = newConversation();
    const older = newConversation();
    await customerSays(older, "halo");
    t.clock.advance(2 * day);
    const delivery = await customerSays(id, "kartu kredit saya diblokir");
    const sends = () => inbox.calls().filter((c) => c.call === `POST /conversations/${String(id)}/messages`).length;
    const sent = sends();
    expect(sent).toBeGreaterThan(0);
    const turns = (await getConversation(id)).decisions.length;

    t.clock.advance(29 * day); // the older delivery is 31 days old, this one 29
    expect(rowsOf(await pass(), "deliveries")).toMatchObject({ rows: 1 });
    const retried = await postWebhook(t, bot.webhookPath, delivery);
    expect(retried.body).toMatchObject({ status: "duplicate" });
    await t.settle();
    expect(sends()).toBe(sent);
    expect((await getConversation(id)).decisions).toHaveLength(turns);

    // The window is the deliveries period: once pruned, the delivery is forgotten.
    t.clock.advance(day + 60_000);
    expect(rowsOf(await pass(), "deliveries")).toMatchObject({ rows: 1 });
    expect((await postWebhook(t, bot.webhookPath, delivery)).body).toMatchObject({ status: "accepted" });
  });
});

describe("transcripts", () => {
  it("erase a handed-over conversation's customer text but keep who owns it", async () => {
    const id = newConversation();
    await customerSays(id, "kartu kredit saya diblokir, tolong");
    const before = await getConversation(id);
    expect(before).toMatchObject({ owner: "human", handedOverTo: bot.divisions.cards, contactName: expect.any(String) });
    expect(before.history.length).toBeGreaterThan(0);
    expect(before.decisions[0]?.text).toBe("kartu kredit saya diblokir, tolong");

    t.clock.advance(30 * day + 60_000);
    const result = await pass();
    expect(rowsOf(result, "conversation history")?.rows).toBeGreaterThanOrEqual(1);
    expect(rowsOf(result, "decision text")?.rows).toBeGreaterThanOrEqual(1);
    const after = await getConversation(id);
    const state = ({ owner, ownerReason, inboxStatus, handedOverTo, handedOverAt, teamId, channel, updatedAt }: BodyAt<typeof getConversationRoute, 200>) => ({
      owner,
      ownerReason,
      inboxStatus,
      handedOverTo,
      handedOverAt,
      teamId,
      channel,
      updatedAt,
    });
    expect(state(after)).toEqual(state(before));
    expect(after).toMatchObject({ history: [], contactName: null });
    expect(after.decisions).toHaveLength(before.decisions.length);
    expect(after.decisions[0]).toMatchObject({ route: "handover", divisionId: bot.divisions.cards, text: null });

    // The ownership survived: the agent still has the conversation (open), so the bot stays silent.
    inbox.reset();
    await customerSays(id, "halo? masih di sana?", "open");
    expect(inbox.calls().filter((c) => c.call === `POST /conversations/${String(id)}/messages`)).toEqual([]);
    expect((await getConversation(id)).owner).toBe("human");
  });

  it("erase only the entries older than the period from a conversation still in use", async () => {
    const id = newConversation();
    await customerSays(id, "halo, mau tanya saldo");
    t.clock.advance(20 * day);
    await customerSays(id, "saldo minimal berapa?");
    const before = await getConversation(id);

    t.clock.advance(10 * day + 60_000); // the first turn is 30 days and a minute old, the second 10 days
    await pass();
    const after = await getConversation(id);
    const recent = before.history.filter((h) => Date.parse(h.at) >= t.clock.now().toMillis() - 30 * day);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(before.history.length);
    expect(after.history).toEqual(recent);
    expect(after.contactName).toBe(before.contactName);
    expect(after.decisions.map((d) => d.text)).toEqual([null, "saldo minimal berapa?"]);
  });
});

describe("decisions", () => {
  it("are deleted after their period, and analytics of the days that remain do not change", async () => {
    const id = newConversation();
    const dayOf = () => t.clock.now().toISODate() ?? "";
    const oldDay = dayOf();
    await customerSays(id, "kartu kredit saya diblokir");
    t.clock.advance(100 * day);
    const recentDay = dayOf();
    await customerSays(newConversation(), "mau komplain soal biaya admin");
    const analytics = async (from: string, to: string) =>
      bodyOf(await t.request("GET", `/v1/bots/${bot.id}/analytics?from=${from}&to=${to}`), getAnalyticsRoute, 200).totals;
    const recentBefore = await analytics(recentDay, recentDay);
    expect(recentBefore.turns).toBe(1);
    expect((await analytics(oldDay, oldDay)).turns).toBe(1);

    t.clock.advance(80 * day + 60_000); // the first decision is 180 days and a minute old
    expect(rowsOf(await pass(), "decisions")).toMatchObject({ rows: 1 });
    expect(await analytics(recentDay, recentDay)).toEqual(recentBefore);
    expect((await analytics(oldDay, oldDay)).turns).toBe(0);
    expect((await getConversation(id)).decisions).toEqual([]);
  });
});

describe("running it", () => {
  it("two passes at once delete each row once, and neither fails", async () => {
    const start = t.clock.now().toJSDate();
    await jobsAt(
      Array.from({ length: 60 }, () => "done" as const),
      start,
    );
    t.clock.advance(8 * day);
    const [a, b] = await Promise.all([pass(7), pass(7)]);
    expect((rowsOf(a, "done jobs")?.rows ?? 0) + (rowsOf(b, "done jobs")?.rows ?? 0)).toBe(60);
    expect(
      await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(inArray(jobs.status, ["done"])),
    ).toEqual([{ n: 0 }]);
  });

  it("the scheduler runs passes on its timer, logs them and counts what it pruned on /metrics", async () => {
    await jobsAt(["done", "done", "done"], t.clock.now().toJSDate());
    t.clock.advance(8 * day);
    const lines: z.infer<typeof logLine>[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(logLine.parse(JSON.parse(line))) });
    const scheduler = createRetentionScheduler(
      { db: t.db, clock: t.clock, logger, metrics: t.deps.metrics },
      { periods, batchRows: 2, intervalMs: 20, firstPassMs: 0, queueVacuum: { checkMs: 5, everyJobs: 1 }, vacuum: t.database.kind === "pglite" },
    );
    scheduler.start();
    await expect.poll(() => lines.filter((l) => l.msg === "retention pass").length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => lines.some((l) => l.msg === "queue vacuumed"), { timeout: 5000 }).toBe(true);
    await scheduler.stop();
    expect(lines.find((l) => l.msg === "retention pass")?.changed).toContainEqual({
      step: "done jobs",
      action: "deleted",
      rows: 3,
      batches: 2,
      ms: expect.any(Number),
    });
    expect(await statusesLeft()).toEqual([]);
    const metrics = (await t.request("GET", "/metrics")).text;
    expect(metrics).toMatch(/^switchboard_retention_pruned_total\{table="jobs",action="deleted"\} ([3-9]|\d\d+)$/m);
    expect(metrics).toMatch(/^switchboard_retention_pass_seconds_count \d+$/m);
  });
});
