import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as botsQ from "../../src/db/queries/bots.js";
import { type TestBot, useAppWithRoutingBot } from "../harness/bot-setup.js";
import type { TestApp } from "../harness/test-app.js";

let t: TestApp;
let bot: TestBot;
useAppWithRoutingBot((app, created) => {
  t = app;
  bot = created;
});

const config = async () => {
  const row = await botsQ.findBot(t.db, bot.id);
  if (!row) throw new Error("no bot");
  return t.deps.botConfig(row);
};

describe("the cached configuration a turn reads", () => {
  it("is read once while nothing changes", async () => {
    expect(await config()).toBe(await config());
  });

  it("is stale the moment settings, a division or a flow changes, through the API or not", async () => {
    const before = await config();
    await t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { confidenceThreshold: 0.42 } });
    const afterSettings = await config();
    expect(afterSettings).not.toBe(before);
    expect(afterSettings.settings.confidenceThreshold).toBe(0.42);

    // Another process or a migration writing the table directly is seen too (database triggers).
    await t.db.execute(sql`update divisions set name = 'Kartu' where id = ${bot.divisions.cards}`);
    expect((await config()).divisions.find((d) => d.id === bot.divisions.cards)?.name).toBe("Kartu");
    await t.db.execute(sql`delete from divisions where id = ${bot.divisions.cards}`);
    expect((await config()).divisions.map((d) => d.id)).toEqual([bot.divisions.complaints]);
  });
});
