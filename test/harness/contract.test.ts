import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/domain/settings.js";
import { getBotRoute } from "../../src/http/routes/bots/get-bot.js";
import { getSettingsRoute } from "../../src/http/routes/settings/get-settings.js";
import { bodyOf } from "./contract.js";
import type { TestResponse } from "./read-response.js";

const bot = {
  id: "bot_3k9x0c2m4n5p6q7r8s9t",
  name: "Bank ABC",
  omnichat: { baseUrl: "https://omnichat.test", accountId: 1, inboxId: 3, botTokenSet: true, adminTokenSet: false },
  signingSecretSet: true,
  refuseUnsignedDeliveries: false,
  warnings: [],
  webhookPath: "/webhooks/omnichat/bot_3k9x0c2m4n5p6q7r8s9t/…",
  createdAt: "2026-01-15T02:30:00.000Z",
  updatedAt: "2026-01-15T02:30:00.000Z",
};
const notFound = { type: "https://switchboard.dev/problems/not-found", title: "Not found", status: 404, detail: "no such bot", code: "not_found" };

function response(status: number, body: unknown, type = "application/json"): TestResponse {
  return { status, headers: new Headers({ "content-type": `${type}; charset=UTF-8` }), body, text: JSON.stringify(body) };
}

describe("bodyOf reads a body through its route's contract", () => {
  it("returns the body the route declares at that status, problems included", () => {
    expect(bodyOf(response(200, bot), getBotRoute, 200).omnichat.inboxId).toBe(3);
    expect(bodyOf(response(404, notFound, "application/problem+json"), getBotRoute, 404).code).toBe("not_found");
  });

  it("fails on another status than the one expected", () => {
    expect(() => bodyOf(response(404, notFound, "application/problem+json"), getBotRoute, 200)).toThrow(/GET \/v1\/bots\/\{botId\} 200/);
  });

  it("fails on another media type than the declared one", () => {
    expect(() => bodyOf(response(404, notFound), getBotRoute, 404)).toThrow(/application\/problem\+json/);
  });

  it("fails naming the field when the body does not match its schema", () => {
    const { inboxId: _, ...omnichat } = bot.omnichat;
    expect(() => bodyOf(response(200, { ...bot, omnichat }), getBotRoute, 200)).toThrow(/at omnichat\.inboxId/);
  });

  it("fails when the body carries a field its contract does not declare", () => {
    expect(() => bodyOf(response(200, { ...bot, webhookUrl: "http://switchboard.test/webhooks/x/secret" }), getBotRoute, 200)).toThrow(
      /not exactly what its contract declares/,
    );
  });

  it("fails when the body leaves out a field its contract would fill with a default", () => {
    expect(bodyOf(response(200, defaultSettings), getSettingsRoute, 200)).toEqual(defaultSettings);
    const { confidenceThreshold: _, ...withoutThreshold } = defaultSettings;
    expect(() => bodyOf(response(200, withoutThreshold), getSettingsRoute, 200)).toThrow(/not exactly what its contract declares/);
  });
});
