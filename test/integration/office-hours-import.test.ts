import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { importOfficeHoursRoute } from "../../src/http/routes/settings/import-office-hours.js";
import { previewOfficeHoursRoute } from "../../src/http/routes/settings/preview-office-hours.js";
import { botBody } from "../fixtures/bots.js";
import { bodyOf } from "../harness/contract.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

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

/** A bot of an inbox whose own hours are empty but for a holiday; returns the import's answer (a 200). */
async function importHours(from: TestInbox = inbox) {
  const bot = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ omnichat: from.credentials() }) }), createBotRoute, 201);
  await t.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: { timezone: "Europe/London", weekly: [], holidays } });
  const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
  return { body: bodyOf(res, importOfficeHoursRoute, 200), botId: bot.id };
}

describe("POST /v1/bots/{botId}/office-hours/import-from-inbox", () => {
  it("imports the inbox's working hours (Sunday = 0 in Chatwoot) with the admin token and keeps our holidays", async () => {
    inbox.reset();
    const { body } = await importHours();
    // The emulator's inbox: Mon–Fri 08:00–17:00, Sat 08:00–12:00, Sun closed, in Jakarta.
    expect(body).toEqual({
      timezone: "Asia/Jakarta",
      weekly: [...[1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" })), { day: 6, open: "08:00", close: "12:00" }],
      holidays,
    });
    expect(inbox.calls()).toEqual([expect.objectContaining({ call: "GET /inboxes/3", caller: inbox.callers.admin, status: 200 })]);
  });

  it("names what is missing when the bot has no inbox id or admin token", async () => {
    const bot = bodyOf(
      await t.request("POST", "/v1/bots", {
        body: botBody({ omnichat: { baseUrl: inbox.emulator.baseUrl, accountId: 1, botToken: "bot-token-secret-1" } }),
      }),
      createBotRoute,
      201,
    );
    const res = await t.request("POST", `/v1/bots/${bot.id}/office-hours/import-from-inbox`);
    expect(bodyOf(res, importOfficeHoursRoute, 400).errors?.[0]?.path).toBe("omnichat.inboxId");
  });
});

describe("Chatwoot's working-hours semantics", () => {
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: "00:00", close: "24:00" }));

  it("an inbox whose working hours are off (Chatwoot's default) is open all week: at 21:30 the bot is open, as the inbox is", async () => {
    const off = await startInbox(t.clock); // working_hours_enabled false, with Mon–Fri rows still stored
    try {
      const { body, botId } = await importHours(off);
      expect(body).toEqual({ timezone: "Asia/Jakarta", weekly: allWeek, holidays });
      t.clock.advance(12 * 3600_000); // 21:30 in Jakarta
      try {
        const preview = bodyOf(await t.request("POST", `/v1/bots/${botId}/office-hours/preview`, { body: {} }), previewOfficeHoursRoute, 200);
        expect(preview).toMatchObject({ open: true, nextOpening: null });
        // The inbox itself sends no out-of-office message either.
        off.emulator.customerSays("halo");
        expect(off.emulator.transcript().filter((m) => m.from === "inbox")).toEqual([]);
      } finally {
        t.clock.advance(-12 * 3600_000);
      }
    } finally {
      await off.close();
    }
  });

  it("a new Chatwoot inbox with hours switched on: Mon–Fri 09:00–17:00 in its default zone, UTC, not the bot's previous zone", async () => {
    const fresh = await startInbox(t.clock, { world: { workingHoursEnabled: true } });
    try {
      const { inbox: row } = fresh.emulator.store;
      row.timezone = "UTC";
      // Chatwoot's create_default_working_hours (app/models/concerns/out_of_offisable.rb).
      row.workingHours = [0, 1, 2, 3, 4, 5, 6].map((day) => {
        const weekend = day === 0 || day === 6;
        return {
          dayOfWeek: day,
          closedAllDay: weekend,
          openAllDay: false,
          openHour: weekend ? null : 9,
          openMinutes: weekend ? null : 0,
          closeHour: weekend ? null : 17,
          closeMinutes: weekend ? null : 0,
        };
      });
      const { body } = await importHours(fresh);
      expect(body).toEqual({ timezone: "UTC", weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" })), holidays });
    } finally {
      await fresh.close();
    }
  });

  it("open all day, closed all day, and Sunday as day 0", async () => {
    const custom = await startInbox(t.clock, { world: { workingHoursEnabled: true } });
    try {
      const hours = custom.emulator.store.inbox.workingHours;
      const day = (n: number) => hours.find((h) => h.dayOfWeek === n) ?? hours[0]!;
      Object.assign(day(0), { closedAllDay: false, openAllDay: false, openHour: 10, openMinutes: 15, closeHour: 14, closeMinutes: 45 });
      Object.assign(day(6), { closedAllDay: false, openAllDay: true });
      Object.assign(day(3), { closedAllDay: true, openHour: null, openMinutes: null, closeHour: null, closeMinutes: null });
      const { body } = await importHours(custom);
      expect(body.weekly).toEqual([
        { day: 1, open: "08:00", close: "17:00" },
        { day: 2, open: "08:00", close: "17:00" },
        { day: 4, open: "08:00", close: "17:00" },
        { day: 5, open: "08:00", close: "17:00" },
        { day: 6, open: "00:00", close: "24:00" },
        { day: 7, open: "10:15", close: "14:45" },
      ]);
    } finally {
      await custom.close();
    }
  });
});
