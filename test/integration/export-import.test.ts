import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { exportBotRoute } from "../../src/http/routes/bots/export-bot.js";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { type BodyAt, bodyOf } from "../harness/contract.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function buildBot(): Promise<string> {
  const botId = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ name: "Exported" }) }), createBotRoute, 201).id;
  const cards = bodyOf(await t.request("POST", `/v1/bots/${botId}/divisions`, { body: divisionBody({ name: "Cards" }) }), createDivisionRoute, 201);
  await t.request("POST", `/v1/bots/${botId}/divisions`, {
    body: divisionBody({
      name: "Complaints",
      teamId: 4,
      active: false,
      officeHours: { timezone: "Asia/Jakarta", weekly: [{ day: 1, open: "08:00", close: "16:00" }], holidays: [] },
    }),
  });
  await t.request("PUT", `/v1/bots/${botId}/settings`, {
    body: { confidenceThreshold: 0.8, defaultDivisionId: cards.id, whenUnavailable: "keep_with_bot" },
  });
  await t.request("PUT", `/v1/bots/${botId}/office-hours`, {
    body: { timezone: "Asia/Makassar", weekly: [{ day: 2, open: "09:00", close: "18:00" }], holidays: [{ date: "2026-08-17", name: "HUT RI" }] },
  });
  return botId;
}

/** The export with division ids replaced by names, so two bots can be compared. */
function normalise(doc: BodyAt<typeof exportBotRoute, 200>) {
  const nameById = new Map(doc.divisions.map((d) => [d.id, d.name]));
  const { defaultDivisionId } = doc.settings;
  return {
    ...doc,
    divisions: doc.divisions.map((d) => ({ ...d, id: d.name })),
    settings: { ...doc.settings, defaultDivisionId: defaultDivisionId === null ? null : (nameById.get(defaultDivisionId) ?? null) },
  };
}

describe("export and import", () => {
  it("exports the whole configuration without secrets", async () => {
    const botId = await buildBot();
    const res = await t.request("GET", `/v1/bots/${botId}/export`);
    const doc = bodyOf(res, exportBotRoute, 200);
    expect(doc.format).toBe("switchboard.bot/v1");
    expect(doc.divisions).toHaveLength(2);
    expect(doc.omnichat).toEqual({ baseUrl: "https://omnichat.test", accountId: 1, inboxId: 3 });
    for (const secret of ["bot-token-secret-1", "admin-token-secret-1", "signing-secret-1"]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it("export → import reproduces the bot", async () => {
    const botId = await buildBot();
    const doc = bodyOf(await t.request("GET", `/v1/bots/${botId}/export`), exportBotRoute, 200);
    const created = bodyOf(await t.request("POST", "/v1/bots/import", { body: doc }), importBotRoute, 201);
    expect(created.id).not.toBe(botId);
    expect(created.webhookUrl).toContain(`/webhooks/omnichat/${created.id}/`);
    expect(created.omnichat.botTokenSet).toBe(false);
    expect(Object.keys(created.divisionIds)).toHaveLength(2);

    const again = bodyOf(await t.request("GET", `/v1/bots/${created.id}/export`), exportBotRoute, 200);
    expect(normalise(again)).toEqual(normalise(doc));
  });

  it("imports with inbox credentials and a signing secret", async () => {
    const botId = await buildBot();
    const doc = bodyOf(await t.request("GET", `/v1/bots/${botId}/export`), exportBotRoute, 200);
    const res = await t.request("POST", "/v1/bots/import", {
      body: { ...doc, omnichat: { ...doc.omnichat, botToken: "imported-bot-token" }, signingSecret: "imported-secret" },
    });
    expect(bodyOf(res, importBotRoute, 201)).toMatchObject({ omnichat: { botTokenSet: true, adminTokenSet: false }, signingSecretSet: true });
    expect(res.text).not.toContain("imported-bot-token");
  });

  it("rejects documents with dangling or duplicate references", async () => {
    const base = { format: "switchboard.bot/v1", name: "Broken" };
    const dangling = await t.request("POST", "/v1/bots/import", {
      body: { ...base, settings: { defaultDivisionId: "nope" }, divisions: [] },
    });
    expect(bodyOf(dangling, importBotRoute, 400).errors?.[0]?.path).toBe("settings.defaultDivisionId");

    const dup = await t.request("POST", "/v1/bots/import", {
      body: { ...base, divisions: [divisionBody({ id: "a" }), divisionBody({ id: "b" })] },
    });
    expect(bodyOf(dup, importBotRoute, 400).errors?.[0]?.path).toBe("divisions.1.name");

    const wrongFormat = await t.request("POST", "/v1/bots/import", { body: { ...base, format: "other" } });
    expect(bodyOf(wrongFormat, importBotRoute, 400).errors?.[0]?.path).toBe("format");
  });
});
