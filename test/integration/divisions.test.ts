import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const base = () => `/v1/bots/${botId}/divisions`;

describe("divisions", () => {
  it("creates, reads, lists, patches and deletes a division", async () => {
    const created = await t.request("POST", base(), { body: divisionBody({ name: "Complaints", examples: ["saya mau komplain"] }) });
    expect(created.status).toBe(201);
    const d = created.body as Json;
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
    expect((await t.request("GET", `${base()}/${d.id}`)).body).toEqual(d);
    expect(((await t.request("GET", base())).body as Json).items.map((x: Json) => x.id)).toContain(d.id);

    const patched = await t.request("PATCH", `${base()}/${d.id}`, { body: { active: false, teamId: 7 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, teamId: 7, promptVersion: 1 });

    expect((await t.request("DELETE", `${base()}/${d.id}`)).status).toBe(204);
    expect((await t.request("GET", `${base()}/${d.id}`)).status).toBe(404);
  });

  it("rejects a duplicate name in the same bot, ignoring case, with 409", async () => {
    expect((await t.request("POST", base(), { body: divisionBody({ name: "Fraud" }) })).status).toBe(201);
    const dup = await t.request("POST", base(), { body: divisionBody({ name: "fraud" }) });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: "conflict", errors: [{ path: "name" }] });
  });

  it("rejects renaming onto an existing name with 409", async () => {
    await t.request("POST", base(), { body: divisionBody({ name: "Loans" }) });
    const other = (await t.request("POST", base(), { body: divisionBody({ name: "Mortgage" }) })).body as Json;
    const res = await t.request("PATCH", `${base()}/${other.id}`, { body: { name: "LOANS" } });
    expect(res.status).toBe(409);
  });

  it("allows the same name in another bot", async () => {
    const other = ((await t.request("POST", "/v1/bots", { body: botBody() })).body as Json).id;
    await t.request("POST", base(), { body: divisionBody({ name: "Shared" }) });
    const res = await t.request("POST", `/v1/bots/${other}/divisions`, { body: divisionBody({ name: "Shared" }) });
    expect(res.status).toBe(201);
  });

  it("versions every prompt change and restores an old version as a new one", async () => {
    const d = (await t.request("POST", base(), { body: divisionBody({ name: "Versioned", prompt: "v1 prompt" }) })).body as Json;
    await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v2 prompt" } });
    // Same prompt again: no new version.
    await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v2 prompt", active: true } });
    const v3 = (await t.request("PATCH", `${base()}/${d.id}`, { body: { prompt: "v3 prompt" } })).body as Json;
    expect(v3.promptVersion).toBe(3);

    const versions = ((await t.request("GET", `${base()}/${d.id}/versions`)).body as Json).items;
    expect(versions.map((v: Json) => [v.version, v.prompt, v.current])).toEqual([
      [3, "v3 prompt", true],
      [2, "v2 prompt", false],
      [1, "v1 prompt", false],
    ]);

    const restored = await t.request("POST", `${base()}/${d.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ prompt: "v1 prompt", promptVersion: 4 });
    const after = ((await t.request("GET", `${base()}/${d.id}/versions`)).body as Json).items;
    expect(after[0]).toMatchObject({ version: 4, prompt: "v1 prompt", restoredFrom: 1, current: true });

    expect((await t.request("POST", `${base()}/${d.id}/versions/99/restore`)).status).toBe(404);
    expect((await t.request("POST", `${base()}/${d.id}/versions/4/restore`)).status).toBe(409);
    const bad = await t.request("POST", `${base()}/${d.id}/versions/abc/restore`);
    expect(bad.status).toBe(400);
    expect((bad.body as Json).errors[0].path).toBe("param.n");
  });

  it("validates fields and names them", async () => {
    const res = await t.request("POST", base(), {
      body: { name: "X", prompt: "", teamId: "two", keywords: [""], officeHours: { timezone: "Mars/Base", weekly: [] } },
    });
    expect(res.status).toBe(400);
    const paths = ((res.body as Json).errors as Json[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["prompt", "teamId", "keywords.0", "officeHours.timezone"]));
  });

  it("takes a priority and labels for the inbox's conversation, labels as Chatwoot titles them", async () => {
    const d = (await t.request("POST", base(), { body: divisionBody({ name: "Fraud desk", priority: "urgent", labels: ["Fraud", "penipuan", "fraud"] }) }))
      .body as Json;
    expect(d).toMatchObject({ priority: "urgent", labels: ["fraud", "penipuan"] });
    expect((await t.request("PATCH", `${base()}/${d.id as string}`, { body: { priority: null, labels: [] } })).body).toMatchObject({
      priority: null,
      labels: [],
    });
    const bad = await t.request("POST", base(), { body: divisionBody({ name: "Bad marks", priority: "penting", labels: ["kartu hilang"] }) });
    expect(bad.status).toBe(400);
    expect(((bad.body as Json).errors as Json[]).map((e) => e.path)).toEqual(expect.arrayContaining(["priority", "labels.0"]));
    const plain = (await t.request("POST", base(), { body: divisionBody({ name: "No marks" }) })).body as Json;
    expect(plain).toMatchObject({ priority: null, labels: [] });
  });

  it("keeps a division's own office hours", async () => {
    const hours = { timezone: "Asia/Jakarta", weekly: [{ day: 1, open: "08:00", close: "17:00" }], holidays: [] };
    const d = (await t.request("POST", base(), { body: divisionBody({ name: "Own hours", officeHours: hours }) })).body as Json;
    expect(d.officeHours).toEqual(hours);
  });

  it("answers 404 for a division of an unknown bot, and for another bot's division", async () => {
    const d = (await t.request("POST", base(), { body: divisionBody({ name: "Mine" }) })).body as Json;
    expect((await t.request("GET", `/v1/bots/bot_nope/divisions/${d.id}`)).status).toBe(404);
    const other = ((await t.request("POST", "/v1/bots", { body: botBody() })).body as Json).id;
    expect((await t.request("GET", `/v1/bots/${other}/divisions/${d.id}`)).status).toBe(404);
    expect((await t.request("POST", "/v1/bots/bot_nope/divisions", { body: divisionBody() })).status).toBe(404);
  });

  it("refuses to delete the bot's default division", async () => {
    const d = (await t.request("POST", base(), { body: divisionBody({ name: "Default one" }) })).body as Json;
    expect((await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: d.id } })).status).toBe(200);
    const res = await t.request("DELETE", `${base()}/${d.id}`);
    expect(res.status).toBe(409);
    await t.request("PUT", `/v1/bots/${botId}/settings`, { body: { defaultDivisionId: null } });
    expect((await t.request("DELETE", `${base()}/${d.id}`)).status).toBe(204);
  });
});
