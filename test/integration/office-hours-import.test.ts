import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";

let t: TestApp;
let inbox: TestInbox;
beforeAll(async () => {
  t = await createTestApp({ inbox: emulatorClientOptions }); // Thursday 2026-01-15, 09:30 in Jakarta
  inbox = await startInbox(t.clock, { world: { workingHoursEnabled: true } });
});
afterAll(async () => {
  await inbox.close();
  await t.close();
});

const holidays = [{ date: "2026-08-17", name: "HUT RI" }];

/** A bot of the emulator's inbox whose own hours are empty but for a holiday; returns the import's answer. */
async function importHours(): Promise<{ status: number; body: Json; botId: string }> {
  const bot = (await t.request("POST", "/v1/bots", { body: botBody({ omnichat: inbox.credentials() }) })).body as Json;
  await t.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: { timezone: "Europe/London", weekly: [], holidays } });
  const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
  return { status: res.status, body: res.body, botId: bot.id };
}

describe("POST /v1/bots/{botId}/office-hours/import-from-inbox", () => {
  it("imports the inbox's working hours (Sunday = 0 in Chatwoot) with the admin token and keeps our holidays", async () => {
    inbox.reset();
    const { status, body } = await importHours();
    expect(status).toBe(200);
    // The emulator's inbox: Mon–Fri 08:00–17:00, Sat 08:00–12:00, Sun closed, in Jakarta.
    expect(body).toEqual({
      timezone: "Asia/Jakarta",
      weekly: [
        ...[1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" })),
        { day: 6, open: "08:00", close: "12:00" },
      ],
      holidays,
    });
    expect(inbox.calls()).toEqual([expect.objectContaining({ call: "GET /inboxes/3", caller: inbox.callers.admin, status: 200 })]);
  });

  it("names what is missing when the bot has no inbox id or admin token", async () => {
    const bot = (await t.request("POST", "/v1/bots", {
      body: botBody({ omnichat: { baseUrl: inbox.emulator.baseUrl, accountId: 1, botToken: "bot-token-secret-1" } }),
    })).body as Json;
    const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
    expect(res.status).toBe(400);
    expect((res.body as Json).errors[0].path).toBe("omnichat.inboxId");
  });
});
