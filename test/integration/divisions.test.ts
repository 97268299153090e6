import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { getDivisionRoute } from "../../src/http/routes/divisions/get-division.js";
import { listDivisionsRoute } from "../../src/http/routes/divisions/list-divisions.js";
import { listPromptVersionsRoute } from "../../src/http/routes/divisions/list-prompt-versions.js";
import { patchDivisionRoute } from "../../src/http/routes/divisions/patch-division.js";
import { restorePromptVersionRoute } from "../../src/http/routes/divisions/restore-prompt-version.js";
import { bodyOf } from "../harness/contract.js";
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

const base = () => `/v1/bots/${botId}/divisions`;

describe("divisions", () => {
  it("creates, reads, lists, patches and deletes a division", async () => {
    const created = await t.request("POST", base(), { body: divisionBody({ name: "Complaints", examples: ["saya mau komplain"] }) });
    const d = bodyOf(created, createDivisionRoute, 201);
    expect(d).toMatchObject({
      id: expect.stringMatching(/^div_/),
      botId,
      name: "Complaints",
      promptVersion: 1,
      teamId: 2,
      keywords: ["kartu", "card"],
      examples: ["saya mau komplain"],
      active: true,
      officeHours: null,
    });
    expect(bodyOf(await t.request("GET", `${base()}/${d.id}`), getDivisionRoute, 200)).toEqual(d);
    expect(bodyOf(await t.request("GET", base()), listDivisionsRoute, 200).items.map((x) => x.id)).toContain(d.id);

    const patched = await t.request("PATCH", `${base()}/${d.id}`, { body: { active: false, teamId: 7 } });
    expect(bodyOf(patched, patchDivisionRoute, 200)).toMatchObject({ active: false, teamId: 7, promptVersion: 1 });

    expect((await t.request("DELETE", `${base()}/${d.id}`)).status).toBe(204);
    expect((await t.request("GET", `${base()}/${d.id}`)).status).toBe(404);
  });

  it("rejects a duplicate name in the same bot, ignoring case, with 409", async () => {
    expect((await t.request("POST", base(), { body: divisionBody({ name: "Fraud" }) })).status).toBe(201);
    const dup = await t.request("POST", base(), { body: divisionBody({ name: "fraud" }) });
    expect(bodyOf(dup, createDivisionRoute, 409)).toMatchObject({ code: "conflict", errors: [{ path: "name" }] });
  });

  it("rejects renaming onto an existing name with 409", async () => {
    await t.request("POST", base(), { body: divisionBody({ name: "Loans" }) });
    const other = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "Mortgage" }) }), createDivisionRoute, 201);
    const res = await t.request("PATCH", `${base()}/${other.id}`, { body: { name: "LOANS" } });
    expect(res.status).toBe(409);
  });

  it("allows the same name in another bot", async () => {
    const other = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201).id;
    await t.request("POST", base(), { body: divisionBody({ name: "Shared" }) });
    const res = await t.request("POST", `/v1/bots/${other}/divisions`, { body: divisionBody({ name: "Shared" }) });
    expect(res.status).toBe(201);
  });

  it("versions every prompt change and restores an old version as a new one", async () => {
    const d = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "Versioned", prompt: "v1 prompt" }) }), createDivisionRoute, 201);
    await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v2 prompt" } });
    // Same prompt again: no new version.
    await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v2 prompt", active: true } });
    const v3 = bodyOf(await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v3 prompt" } }), patchDivisionRoute, 200);
    expect(v3.promptVersion).toBe(3);

    const versions = bodyOf(await t.request("GET", `${base()}/${d.id}/versions`), listPromptVersionsRoute, 200).items;
    expect(versions.map((v) => [v.version, v.prompt, v.current])).toEqual([
      [3, "v3 prompt", true],
      [2, "v2 prompt", false],
      [1, "v1 prompt", false],
    ]);

    const restored = await t.request("POST", `${base()}/${d.id}/versions/1/restore`);
    expect(bodyOf(restored, restorePromptVersionRoute, 200)).toMatchObject({ prompt: "v1 prompt", promptVersion: 4 });
    const after = bodyOf(await t.request("GET", `${base()}/${d.id}/versions`), listPromptVersionsRoute, 200).items;
    expect(after[0]).toMatchObject({ version: 4, prompt: "v1 prompt", restoredFrom: 1, current: true });

    expect((await t.request("POST", `${base()}/${d.id}/versions/99/restore`)).status).toBe(404);
    expect((await t.request("POST", `${base()}/${d.id}/versions/4/restore`)).status).toBe(409);
    const bad = await t.request("POST", `${base()}/${d.id}/versions/abc/restore`);
    expect(bodyOf(bad, restorePromptVersionRoute, 400).errors?.[0]?.path).toBe("param.n");
  });

  it("validates fields and names them", async () => {
    const res = await t.request("POST", base(), {
      body: { name: "X", prompt: "", teamId: "two", keywords: [""], officeHours: { timezone: "Mars/Base", weekly: [] } },
    });
    const paths = bodyOf(res, createDivisionRoute, 400).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["prompt", "teamId", "keywords.0", "officeHours.timezone"]));
  });

  it("takes a priority and labels for the inbox's conversation, labels as Chatwoot titles them", async () => {
    const d = bodyOf(
      await t.request("POST", base(), { body: divisionBody({ name: "Fraud desk", priority: "urgent", labels: ["Fraud", "penipuan", "fraud"] }) }),
      createDivisionRoute,
      201,
    );
    expect(d).toMatchObject({ priority: "urgent", labels: ["fraud", "penipuan"] });
    expect(bodyOf(await t.request("PATCH", `${base()}/${d.id}`, { body: { priority: null, labels: [] } }), patchDivisionRoute, 200)).toMatchObject({
      priority: null,
      labels: [],
    });
    const bad = await t.request("POST", base(), { body: divisionBody({ name: "Bad marks", priority: "penting", labels: ["kartu hilang"] }) });
    expect(bodyOf(bad, createDivisionRoute, 400).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["priority", "labels.0"]));
    const plain = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "No marks" }) }), createDivisionRoute, 201);
    expect(plain).toMatchObject({ priority: null, labels: [] });
  });

  it("keeps a division's own office hours", async () => {
    const hours = { timezone: "Asia/Jakarta", weekly: [{ day: 1, open: "08:00", close: "17:00" }], holidays: [] };
    const d = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "Own hours", officeHours: hours }) }), createDivisionRoute, 201);
    expect(d.officeHours).toEqual(hours);
  });

  it("answers 404 for a division of an unknown bot, and for another bot's division", async () => {
    const d = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "Mine" }) }), createDivisionRoute, 201);
    expect((await t.request("GET", `/v1/bots/bot_nope/divisions/${d.id}`)).status).toBe(404);
    const other = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201).id;
    expect((await t.request("GET", `/v1/bots/${other}/divisions/${d.id}`)).status).toBe(404);
    expect((await t.request("POST", "/v1/bots/bot_nope/divisions", { body: divisionBody() })).status).toBe(404);
  });

  it("refuses to delete the bot's default division", async () => {
    const d = bodyOf(await t.request("POST", base(), { body: divisionBody({ name: "Default one" }) }), createDivisionRoute, 201);
    expect((await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: d.id } })).status).toBe(200);
    const res = await t.request("DELETE", `${base()}/${d.id}`);
    expect(res.status).toBe(409);
    await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: null } });
    expect((await t.request("DELETE", `${base()}/${d.id}`)).status).toBe(204);
  });
});
