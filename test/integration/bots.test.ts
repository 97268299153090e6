import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { getBotRoute } from "../../src/http/routes/bots/get-bot.js";
import { listBotsRoute } from "../../src/http/routes/bots/list-bots.js";
import { rotateWebhookTokenRoute } from "../../src/http/routes/bots/rotate-webhook-token.js";
import { bodyOf } from "../harness/contract.js";
import { createTestApp, type TestApp, testPublicUrl } from "../harness/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const secrets = ["bot-token-secret-1", "admin-token-secret-1", "signing-secret-1"];

describe("bots", () => {
  it("creates a bot with a webhookUrl that carries an unguessable token", async () => {
    const res = await t.request("POST", "/v1/bots", { body: botBody() });
    const bot = bodyOf(res, createBotRoute, 201);
    expect(bot.id).toMatch(/^bot_[a-z0-9]{20}$/);
    expect(bot.name).toBe("Bank ABC");
    expect(bot.webhookUrl).toMatch(new RegExp(`^${testPublicUrl}/webhooks/omnichat/${bot.id}/[A-Za-z0-9_-]{43}$`));
    expect(bot.omnichat).toEqual({
      baseUrl: "https://omnichat.test",
      accountId: 1,
      inboxId: 3,
      botTokenSet: true,
      adminTokenSet: true,
    });
    expect(bot.signingSecretSet).toBe(true);
    for (const secret of secrets) expect(res.text).not.toContain(secret);
  });

  it("gives every bot its own webhook token", async () => {
    const a = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201);
    const b = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201);
    expect(a.webhookUrl.split("/").pop()).not.toBe(b.webhookUrl.split("/").pop());
  });

  it("never returns secrets or the webhook token after creation", async () => {
    const created = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201);
    const token = created.webhookUrl.split("/").pop() ?? "";
    for (const path of [`/v1/bots/${created.id}`, "/v1/bots", `/v1/bots/${created.id}/export`]) {
      const res = await t.request("GET", path);
      expect(res.status).toBe(200);
      for (const secret of [...secrets, token]) expect(res.text).not.toContain(secret);
    }
    const got = await t.request("GET", `/v1/bots/${created.id}`);
    expect(bodyOf(got, getBotRoute, 200)).not.toHaveProperty("webhookUrl");
  });

  it("lists, patches and deletes", async () => {
    const created = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ name: "To change" }) }), createBotRoute, 201);
    const list = bodyOf(await t.request("GET", "/v1/bots"), listBotsRoute, 200);
    expect(list.items.map((b) => b.id)).toContain(created.id);

    const patched = await t.request("PATCH", `/v1/bots/${created.id}`, {
      body: { name: "Changed", omnichat: { adminToken: null, inboxId: 9 }, signingSecret: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Changed",
      omnichat: { adminTokenSet: false, inboxId: 9, botTokenSet: true },
      signingSecretSet: false,
    });

    expect((await t.request("DELETE", `/v1/bots/${created.id}`)).status).toBe(204);
    expect((await t.request("GET", `/v1/bots/${created.id}`)).status).toBe(404);
    expect((await t.request("DELETE", `/v1/bots/${created.id}`)).status).toBe(404);
  });

  it("rotates the webhook token", async () => {
    const created = bodyOf(await t.request("POST", "/v1/bots", { body: botBody() }), createBotRoute, 201);
    const rotated = await t.request("POST", `/v1/bots/${created.id}/webhook-token`);
    expect(bodyOf(rotated, rotateWebhookTokenRoute, 200).webhookUrl).not.toBe(created.webhookUrl);
  });

  it("answers 404 with a problem body for an unknown bot", async () => {
    const res = await t.request("GET", "/v1/bots/bot_doesnotexist");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
  });
});

describe("bad input", () => {
  it("names each invalid field in errors[].path", async () => {
    const res = await t.request("POST", "/v1/bots", {
      body: { name: "", omnichat: { baseUrl: "ftp://x", accountId: -1 } },
    });
    const problem = bodyOf(res, createBotRoute, 400);
    const paths = problem.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "omnichat.baseUrl", "omnichat.accountId", "omnichat.botToken"]));
    expect(problem.code).toBe("validation_failed");
  });

  it("rejects malformed JSON with 400", async () => {
    const res = await t.request("POST", "/v1/bots", {
      raw: '{"name": "x",',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "malformed_json" });
  });

  it("rejects a body that is not JSON with 415", async () => {
    const res = await t.request("POST", "/v1/bots", { raw: "name=x", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: "unsupported_media_type" });
  });

  it("rejects bodies over 1 MiB with 413", async () => {
    const res = await t.request("POST", "/v1/bots", { body: botBody({ name: "x".repeat(1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: "payload_too_large", status: 413 });
  });

  it("answers an unknown route with a 404 problem", async () => {
    const res = await t.request("GET", "/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not_found" });
  });
});
