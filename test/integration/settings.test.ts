import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/domain/settings.js";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { getOfficeHoursRoute } from "../../src/http/routes/settings/get-office-hours.js";
import { getSettingsRoute } from "../../src/http/routes/settings/get-settings.js";
import { putOfficeHoursRoute } from "../../src/http/routes/settings/put-office-hours.js";
import { putSettingsRoute } from "../../src/http/routes/settings/put-settings.js";
import { bodyOf } from "../harness/contract.js";
import { openApiDocument } from "../harness/openapi-document.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

let t: TestApp;
let botId: string;
beforeAll(async () => {
  t = await createTestApp();
  botId = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201).id;
});
afterAll(async () => {
  await t.close();
});

describe("settings", () => {
  it("starts with the defaults", async () => {
    const res = await t.request("GET", `/v1/bots/${botId}/settings`);
    const settings = bodyOf(res, getSettingsRoute, 200);
    expect(settings).toEqual(defaultSettings);
    expect(settings.messages.handover.text).toContain("{{division}}");
  });

  it("reads settings stored before a setting existed with that setting's default", async () => {
    const { botSettings } = await import("../../src/db/schema/bot-settings.js");
    const { eq, sql } = await import("drizzle-orm");
    const other = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ name: "Old" }) }), createBotRoute, 201).id;
    await t.db
      .update(botSettings)
      .set({ settings: sql`settings - 'inbox'` })
      .where(eq(botSettings.botId, other));
    expect((await t.request("GET", `/v1/bots/${other}/settings`)).body).toMatchObject({ inbox: { typingIndicator: true, handoverAttributes: true } });
  });

  it("documents the inbox settings in the OpenAPI document", async () => {
    const doc = await openApiDocument(t);
    const inbox = doc.components.schemas.Settings?.properties?.inbox?.properties;
    expect(inbox?.typingIndicator).toMatchObject({ type: "boolean", default: true, description: expect.stringContaining("4.11.2") });
    expect(inbox?.handoverAttributes?.description).toContain("switchboard_division");
    const division = doc.components.schemas.DivisionInput?.properties;
    expect(division?.priority?.description).toContain("urgent");
    expect(division?.labels?.description).toContain("never replacing");
  });

  it("replaces the settings; omitted fields take their defaults", async () => {
    const division = bodyOf(await t.request("POST", `/v1/bots/${botId}/divisions`, { body: divisionBody() }), createDivisionRoute, 201);
    const body = {
      smartHandover: { enabled: false },
      messages: {
        handover: { enabled: true, text: "Kami hubungkan ke tim {{division}}." },
        allAgentsOffline: { enabled: false, text: "Semua agen offline." },
        outsideOfficeHours: { enabled: true, text: "Kami buka lagi {{ nextOpening }}." },
      },
      confidenceThreshold: 0.75,
      defaultDivisionId: division.id,
    };
    const put = bodyOf(await t.request("PUT", `/v1/bots/${botId}/settings`, { body }), putSettingsRoute, 200);
    expect(put).toMatchObject(body);
    expect(put.whenUnavailable).toBe("handover");
    expect(bodyOf(await t.request("GET", `/v1/bots/${botId}/settings`), getSettingsRoute, 200)).toEqual(put);
  });

  it("rejects unknown placeholders, out-of-range thresholds and foreign default divisions", async () => {
    const res = await t.request("PUT", `/v1/bots/${botId}/settings`, {
      body: { messages: { handover: { text: "Halo {{nama}}" } }, confidenceThreshold: 1.5 },
    });
    const paths = bodyOf(res, putSettingsRoute, 400).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["messages.handover.text", "confidenceThreshold"]));

    const foreign = await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: "div_other" } });
    expect(bodyOf(foreign, putSettingsRoute, 400).errors?.[0]?.path).toBe("defaultDivisionId");
  });

  it("answers 404 for an unknown bot", async () => {
    expect((await t.request("GET", "/v1/bots/bot_x/settings")).status).toBe(404);
    expect((await t.request("PUT", "/v1/bots/bot_x/settings", { body: {} })).status).toBe(404);
  });
});

describe("office hours", () => {
  it("defaults to always open in Asia/Jakarta", async () => {
    const hours = bodyOf(await t.request("GET", `/v1/bots/${botId}/office-hours`), getOfficeHoursRoute, 200);
    expect(hours.timezone).toBe("Asia/Jakarta");
    expect(hours.weekly).toHaveLength(7);
  });

  it("stores weekly slots, overnight slots and holidays", async () => {
    const hours = {
      timezone: "Europe/Amsterdam",
      weekly: [
        { day: 1, open: "08:00", close: "17:00" },
        { day: 5, open: "22:00", close: "06:00" },
        { day: 6, open: "00:00", close: "24:00" },
      ],
      holidays: [{ date: "2026-12-25", name: "Kerstmis" }],
    };
    const res = await t.request("PUT", `/v1/bots/${botId}/office-hours`, { body: hours });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(hours);
    expect((await t.request("GET", `/v1/bots/${botId}/office-hours`)).body).toEqual(hours);
  });

  it("rejects an unknown zone, bad times, equal open/close and impossible dates", async () => {
    const res = await t.request("PUT", `/v1/bots/${botId}/office-hours`, {
      body: {
        timezone: "Asia/Atlantis",
        weekly: [
          { day: 8, open: "8:00", close: "17:00" },
          { day: 2, open: "09:00", close: "09:00" },
        ],
        holidays: [{ date: "2026-02-30", name: "Nope" }],
      },
    });
    const paths = bodyOf(res, putOfficeHoursRoute, 400).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["timezone", "weekly.0.day", "weekly.0.open", "weekly.1.close", "holidays.0.date"]));
  });
});
