import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
useMswServer(...inbox.handlers);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("POST /v1/bots/{botId}/office-hours/import-from-inbox", () => {
  it("imports the inbox's working hours with the admin token and keeps our holidays", async () => {
    const bot = (await t.request("POST", "/v1/bots", { body: botBody() })).body as Json;
    await t.request("PUT", `/v1/bots/${bot.id}/office-hours`, {
      body: { timezone: "UTC", weekly: [], holidays: [{ date: "2026-08-17", name: "HUT RI" }] },
    });
    const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
    expect(res.status).toBe(200);
    const hours = res.body as Json;
    expect(hours.timezone).toBe("Asia/Jakarta");
    expect(hours.weekly).toHaveLength(6);
    expect(hours.weekly[0]).toEqual({ day: 1, open: "08:00", close: "17:00" });
    expect(hours.weekly[5]).toEqual({ day: 6, open: "09:00", close: "12:00" });
    expect(hours.holidays).toEqual([{ date: "2026-08-17", name: "HUT RI" }]);
    expect(inbox.calls.at(-1)).toMatchObject({ path: "/inboxes/3", token: "admin-token-secret-1" });
  });

  it("names what is missing when the bot has no inbox id or admin token", async () => {
    const bot = (await t.request("POST", "/v1/bots", {
      body: botBody({ omnichat: { baseUrl: "https://omnichat.test", accountId: 1, botToken: "bot-token-secret-1" } }),
    })).body as Json;
    const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
    expect(res.status).toBe(400);
    expect((res.body as Json).errors[0].path).toBe("omnichat.inboxId");
  });
});
