import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function buildBot(): Promise<string> {
  const botId = ((await t.request("POST", "/v1/bots", { body: botBody({ name: "Exported" }) })).body as Json).id;
  const cards = (await t.request("POST", `/v1/bots/${botId}/divisions`, { body: divisionBody({ name: "Cards" }) })).body as Json;
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
function normalise(doc: Json): Json {
  const nameById = new Map<string, string>(doc.divisions.map((d: Json) => [d.id, d.name]));
  return {
    ...doc,
    divisions: doc.divisions.map((d: Json) => ({ ...d, id: d.name })),
    settings: { ...doc.settings, defaultDivisionId: nameById.get(doc.settings.defaultDivisionId) ?? null },
  };
}

describe("export and import", () => {
  it("exports the whole configuration without secrets", async () => {
    const botId = await buildBot();
    const res = await t.request("GET", `/v1/bots/${botId}/export`);
    expect(res.status).toBe(200);
    const doc = res.body as Json;
    expect(doc.format).toBe("switchboard.bot/v1");
    expect(doc.divisions).toHaveLength(2);
    expect(doc.omnichat).toEqual({ baseUrl: "https://omnichat.test", accountId: 1, inboxId: 3 });
    for (const secret of ["bot-token-secret-1", "admin-token-secret-1", "signing-secret-1"]) {
      expect(res.text).not.toContain(secret);
    }
  });

  it("export → import reproduces the bot", async () => {
    const botId = await buildBot();
    const doc = (await t.request("GET", `/v1/bots/${botId}/export`)).body as Json;
    const imported = await t.request("POST", "/v1/bots/import", { body: doc });
    expect(imported.status).toBe(201);
    const created = imported.body as Json;
    expect(created.id).not.toBe(botId);
    expect(created.webhookUrl).toContain(`/webhooks/omnichat/${created.id}/`);
    expect(created.omnichat.botTokenSet).toBe(false);
    expect(Object.keys(created.divisionIds)).toHaveLength(2);

    const again = (await t.request("GET", `/v1/bots/${created.id}/export`)).body as Json;
    expect(normalise(again)).toEqual(normalise(doc));
  });

  it("imports with inbox credentials and a signing secret", async () => {
    const botId = await buildBot();
    const doc = (await t.request("GET", `/v1/bots/${botId}/export`)).body as Json;
    const res = await t.request("POST", "/v1/bots/import", {
      body: { ...doc, omnichat: { ...doc.omnichat, botToken: "imported-bot-token" }, signingSecret: "imported-secret" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ omnichat: { botTokenSet: true, adminTokenSet: false }, signingSecretSet: true });
    expect(res.text).not.toContain("imported-bot-token");
  });

  it("rejects documents with dangling or duplicate references", async () => {
    const base = { format: "switchboard.bot/v1", name: "Broken" };
    const dangling = await t.request("POST", "/v1/bots/import", {
      body: { ...base, settings: { defaultDivisionId: "nope" }, divisions: [] },
    });
    expect(dangling.status).toBe(400);
    expect((dangling.body as Json).errors[0].path).toBe("settings.defaultDivisionId");

    const dup = await t.request("POST", "/v1/bots/import", {
      body: { ...base, divisions: [divisionBody({ id: "a" }), divisionBody({ id: "b" })] },
    });
    expect(dup.status).toBe(400);
    expect((dup.body as Json).errors[0].path).toBe("divisions.1.name");

    const wrongFormat = await t.request("POST", "/v1/bots/import", { body: { ...base, format: "other" } });
    expect(wrongFormat.status).toBe(400);
    expect((wrongFormat.body as Json).errors[0].path).toBe("format");
  });
});
