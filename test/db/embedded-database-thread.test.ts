import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connectDatabase, type Database, openDatabase } from "../../src/db/client.js";
import { isUniqueViolation } from "../../src/db/errors.js";
import { rowsOf } from "../../src/db/rows.js";
import { incomingText } from "../fixtures/chatwoot/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

// The embedded database in its own thread (src/db/pglite-thread/), as `npm start` runs it. The
// whole suite runs on it; these are the behaviours that belong to the thread itself.

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ kind: "pglite", dataDir: "memory://", templateFile: inject("pgliteTemplate") });
  await database.db.execute(sql`create table thread_probe (id int primary key, note text, at timestamptz)`);
});
afterAll(async () => {
  await database.close();
});

const probeCount = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from thread_probe`))[0]?.n;

describe("the embedded database thread", () => {
  it("answers with PGlite's values and passes errors on with their SQLSTATE", async () => {
    await database.db.execute(sql`insert into thread_probe values (1, 'one', '2026-01-15T02:30:00Z')`);
    const rows = rowsOf(await database.db.execute(sql`select id, note, at, '{"a":[1]}'::jsonb as doc from thread_probe`));
    // drizzle asks for date and time types as text, and parses them itself.
    expect(rows).toEqual([{ id: 1, note: "one", at: "2026-01-15 02:30:00+00", doc: { a: [1] } }]);
    const duplicate = await database.db.execute(sql`insert into thread_probe values (1, 'again', null)`).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
  });

  it("plans each prepared statement once, generically (src/db/client.ts)", async () => {
    const [row] = rowsOf<{ mode: string }>(await database.db.execute(sql`select current_setting('plan_cache_mode') as mode`));
    expect(row?.mode).toBe("force_generic_plan");
  });

  it("commits a transaction whole, or rolls it back whole when a statement fails", async () => {
    const before = await probeCount();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into thread_probe values (2, 'two', null)`);
      await tx.execute(sql`insert into thread_probe values (3, 'three', null)`);
    });
    expect(await probeCount()).toBe((before ?? 0) + 2);
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe values (4, 'four', null)`);
        await tx.execute(sql`insert into thread_probe values (2, 'duplicate', null)`);
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failed)).toBe(true);
    expect(await probeCount()).toBe((before ?? 0) + 2);
  });

  // The transaction is this link's own, or another thread's (a link from `attach`).
  it.each([
    ["this link's", 5],
    ["another link's", 20],
  ])("runs a statement sent from outside %s open transaction only after it ends", async (whose, id) => {
    const other = whose === "this link's" ? null : connectDatabase(database.attach()!);
    try {
      const before = (await probeCount()) ?? 0;
      let outside: Promise<number | undefined> = Promise.resolve(undefined);
      await (other ?? database).db.transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe values (${id}, 'first', null)`);
        outside = probeCount();
        // The transaction keeps the connection while this thread does other work.
        await new Promise((resolve) => setTimeout(resolve, 30));
        await tx.execute(sql`insert into thread_probe values (${id + 1}, 'second', null)`);
      });
      expect(await outside).toBe(before + 2);
    } finally {
      await other?.close();
    }
  });

  it("lets one background statement through after each acknowledgement, so neither side starves", async () => {
    const finished: string[] = [];
    const run = (db: Database["db"], label: string) =>
      db.execute(sql`select pg_sleep(0.01)`).then(() => {
        finished.push(label);
      });
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => run(database.db, `background ${String(i)}`)),
      ...Array.from({ length: 3 }, (_, i) => run(database.ackDb, `ack ${String(i)}`)),
    ]);
    const acks = finished.flatMap((label, i) => (label.startsWith("ack") ? [i] : []));
    expect(acks[0]).toBeLessThanOrEqual(1);
    expect(acks.slice(1).map((position, i) => position - (acks[i] ?? 0))).toEqual([2, 2]);
  });

  it("serves another thread's link with its own statement ids, answering each link on its own port", async () => {
    const other = connectDatabase(database.attach()!);
    try {
      // Both links number their statements from 1: the answers must not cross.
      const ask = (db: Database["db"], n: number) => db.execute(sql`select ${n}::int as n, pg_sleep(0.002)`).then((r) => rowsOf<{ n: number }>(r)[0]?.n);
      const mine = Array.from({ length: 20 }, (_, i) => ask(database.db, i));
      const theirs = Array.from({ length: 20 }, (_, i) => ask(other.db, 100 + i));
      expect(await Promise.all(mine)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(await Promise.all(theirs)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));
    } finally {
      await other.close();
    }
  });

  it("runs two links' transactions one after the other, whole", async () => {
    const other = connectDatabase(database.attach()!);
    try {
      const before = (await probeCount()) ?? 0;
      const seen = await Promise.all(
        [database, other].map((db, i) =>
          db.db.transaction(async (tx) => {
            await tx.execute(sql`insert into thread_probe values (${22 + 2 * i}, 'one', null)`);
            await new Promise((resolve) => setTimeout(resolve, 10));
            await tx.execute(sql`insert into thread_probe values (${23 + 2 * i}, 'two', null)`);
            return rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from thread_probe`))[0]?.n;
          }),
        ),
      );
      // The first sees its own two rows, the second all four: never the other's half.
      expect(seen.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([before + 2, before + 4]);
      expect(await probeCount()).toBe(before + 4);
    } finally {
      await other.close();
    }
  });

  it("rolls back the open transaction of a link that closes (its thread ended), and goes on serving the others", async () => {
    const other = connectDatabase(database.attach()!);
    const before = (await probeCount()) ?? 0;
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const abandoned = other.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe values (30, 'abandoned', null)`);
        inside();
        await new Promise((resolve) => setTimeout(resolve, 200));
      })
      .catch((error: unknown) => error);
    await entered;
    await other.close();
    // Without the rollback this statement would wait behind the abandoned transaction for ever.
    expect(await probeCount()).toBe(before);
    expect(await abandoned).toBeInstanceOf(Error);
  });

  it("fails to open, rather than hang, when the thread cannot start its database", async () => {
    await expect(openDatabase({ kind: "pglite", dataDir: "memory://", templateFile: "/nonexistent/template.tar" })).rejects.toThrow(/ENOENT/);
  });

  it("refuses statements once closed", async () => {
    const other = await openDatabase({ kind: "pglite", dataDir: "memory://", templateFile: inject("pgliteTemplate") });
    await other.close();
    const refused = await other.db.execute(sql`select 1`).catch((error: unknown) => error);
    expect((refused as Error).cause).toMatchObject({ message: expect.stringMatching(/closed/) });
  });
});

describe("acknowledgements first", () => {
  let t: TestApp;
  let bot: TestBot;
  beforeAll(async () => {
    t = await createTestApp();
    bot = await createRoutingBot(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * Twelve background statements of 50 ms each queue up first, as a busy queue's turns would; then
   * one delivery. 50 ms leaves the webhook time to send its statements on a loaded machine.
   */
  async function finishingOrder(webhookPath: string, conversationId: number): Promise<string[]> {
    const finished: string[] = [];
    const background = Array.from({ length: 12 }, (_, i) =>
      t.db.execute(sql`select pg_sleep(0.05)`).then(() => {
        finished.push(`background ${String(i)}`);
      }),
    );
    const acknowledged = postWebhook(t, webhookPath, incomingText({ text: "halo", conversationId, messageId: conversationId * 100 + 1 })).then((res) => {
      finished.push(`ack ${String(res.status)}`);
    });
    await Promise.all([...background, acknowledged]);
    return finished;
  }

  it("looks the bot up on the same line when its cache is cold", async () => {
    const cold = await createRoutingBot(t);
    // Only the statement already running, and one let through after the lookup, go first.
    expect((await finishingOrder(cold.webhookPath, 775)).indexOf("ack 200")).toBeLessThanOrEqual(2);
  });

  it("stores a delivery ahead of the background statements already waiting", async () => {
    // The webhook's bot lookup is cached; the first delivery warms it.
    expect((await postWebhook(t, bot.webhookPath, incomingText({ text: "halo", conversationId: 776, messageId: 77601 }))).status).toBe(200);
    // Only the statement already running goes first.
    expect((await finishingOrder(bot.webhookPath, 777)).indexOf("ack 200")).toBeLessThanOrEqual(1);
  });
});
