import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/domain/settings.js";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";

let t: TestApp;
let botId: string;
beforeAll(async () => {
  t = await createTestApp();
  botId = ((await t.request("POST", "/v1/bots", { body: botBody() })).body as Json).id;
});
afterAll(async () => {
  await t.close();
});

describe("settings", () => {
  it("starts with the defaults", async () => {
    const res = await t.request("GET", `/v1/bots/${botId}/settings`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(defaultSettings);
    expect((res.body as Json).messages.handover.text).toContain("{{division}}");
  });

  it("reads settings stored before a setting existed with that setting's default", async () => {
    const { botSettings } = await import("../../src/db/schema/bot-settings.js");
    const { eq, sql } = await import("drizzle-orm");
    const other = ((await t.request("POST", "/v1/bots", { body: botBody({ name: "Old" }) })).body as Json).id as string;
    await t.db
      .update(botSettings)
      .set({ settings: sql`settings - 'inbox'` })
      .where(eq(botSettings.botId, other));
    expect((await t.request("GET", `/v1/bots/${other}/settings`)).body).toMatchObject({ inbox: { typingIndicator: true, handoverAttributes: true } });
  });

  it("documents the inbox settings in the OpenAPI document", async () => {
    const doc = (await t.request("GET", "/openapi.json")).body as Json;
    const inbox = doc.components.schemas.Settings.properties.inbox.properties;
    expect(inbox.typingIndicator).toMatchObject({ type: "boolean", default: true, description: expect.stringContaining("4.11.2") });
    expect(inbox.handoverAttributes.description).toContain("switchboard_division");
    const division = doc.components.schemas.DivisionInput.properties;
    expect(division.priority.description).toContain("urgent");
    expect(division.labels.description).toContain("never replacing");
  });

  it("replaces the settings; omitted fields take their defaults", async () => {
    const division = (await t.request("POST", `/v1/bots/${botId}/divisions`, { body: divisionBody() })).body as Json;
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
    const put = await t.request("PUT", `/v1/bots/${botId}/settings`, { body });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject(body);
    expect((put.body as Json).whenUnavailable).toBe("handover");
    expect((await t.request("GET", `/v1/bots/${botId}/settings`)).body).toEqual(put.body);
  });

  it("rejects unknown placeholders, out-of-range thresholds and foreign default divisions", async () => {
    const res = await t.request("PUT", `/v1/bots/${botId}/settings`, {
      body: { messages: { handover: { text: "Halo {{nama}}" } }, confidenceThreshold: 1.5 },
    });
    expect(res.status).toBe(400);
    const paths = ((res.body as Json).errors as Json[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["messages.handover.text", "confidenceThreshold"]));

    const foreign = await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: "div_other" } });
    expect(foreign.status).toBe(400);
    expect((foreign.body as Json).errors[0].path).toBe("defaultDivisionId");
  });

  it("answers 404 for an unknown bot", async () => {
    expect((await t.request("GET", "/v1/bots/bot_x/settings")).status).toBe(404);
    expect((await t.request("PUT", "/v1/bots/bot_x/settings", { body: {} })).status).toBe(404);
  });
});

describe("office hours", () => {
  it("defaults to always open in Asia/Jakarta", async () => {
    const res = await t.request("GET", `/v1/bots/${botId}/office-hours`);
    expect(res.status).toBe(200);
    expect((res.body as Json).timezone).toBe("Asia/Jakarta");
    expect((res.body as Json).weekly).toHaveLength(7);
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
    expect(res.status).toBe(400);
    const paths = ((res.body as Json).errors as Json[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["timezone", "weekly.0.day", "weekly.0.open", "weekly.1.close", "holidays.0.date"]));
  });
});
