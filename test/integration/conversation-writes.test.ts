import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as botsQ from "../../src/db/queries/bots.js";
import * as conversationsQ from "../../src/db/queries/conversations.js";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { freshConversation } from "../../src/services/conversations/conversation-state.js";
import { createTestDatabase, type TestDatabase } from "../harness/test-database.js";

// The conversation's upsert is prepared once and its values encoded by hand (src/db/prepared.ts):
// every column must come back as it went in, awaited on its own or written in a job's batch.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await botsQ.insertBot(database.db, { id: "bot_writes", name: "writes", webhookTokenHash: "x" });
});
afterAll(async () => {
  await database.cleanup();
});

const now = new Date("2026-01-15T02:30:00.000Z");
const later = new Date("2026-01-15T02:31:00.500Z");

describe("storing a conversation's state", () => {
  it("keeps every column, nulls, dates, numbers and JSON alike, and overwrites all but its key and creation time", async () => {
    const fresh = freshConversation("bot_writes", { conversationId: 7 }, now);
    await conversationsQ.saveConversation(database.db, fresh);
    expect(await conversationsQ.findConversation(database.db, "bot_writes", 7)).toEqual(fresh);

    const changed = {
      ...fresh,
      accountId: 3,
      channel: "Channel::Whatsapp",
      inboxStatus: "open",
      inboxUpdatedAt: 1_768_444_260.123456,
      owner: "human" as const,
      ownerReason: "handover" as const,
      handedOverTo: "div_cards",
      handedOverAt: later,
      teamId: 4,
      flowState: { state: "menu", vars: { choice: "1" } },
      history: [{ role: "customer" as const, text: "kartu saya hilang", at: later.toISOString() }],
      createdAt: later,
      updatedAt: later,
    };
    await conversationsQ.saveConversation(database.db, changed);
    expect(await conversationsQ.findConversation(database.db, "bot_writes", 7)).toEqual({ ...changed, createdAt: now });
  });

  it("is written the same in a job's batch as on its own", async () => {
    const state = { ...freshConversation("bot_writes", { conversationId: 8, contactName: "Sari" }, now), handedOverAt: later, flowState: { n: 1 } };
    await jobsQ.insertJobs(database.db, [{ queue: "work", botId: "bot_writes", orderingKey: "bot_writes:8", payload: {}, maxAttempts: 3, runAt: now }], now);
    const [job] = await jobsQ.claimJobs(database.db, { queues: ["work"], limit: 1, workerId: "w", now, leaseUntil: later });
    if (!job) throw new Error("no job");
    const done = await jobsQ.completeJobWithWrites(database.db, job, { now, result: null, writes: (db) => [conversationsQ.saveConversation(db, state)] });
    expect(done.completed).toBe(true);
    expect(await conversationsQ.findConversation(database.db, "bot_writes", 8)).toEqual(state);
  });
});
