import { afterAll, beforeAll } from "vitest";
import { botBody, divisionBody } from "../fixtures/bots.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { createDivisionRoute } from "../../src/http/routes/divisions/create-division.js";
import { putSettingsRoute } from "../../src/http/routes/settings/put-settings.js";
import { bodyOf } from "./contract.js";
import { createTestApp, type TestApp } from "./test-app.js";

export type TestBot = { id: string; webhookPath: string; divisions: Record<string, string> };

/**
 * A bot with Cards (team 2) and Complaints (team 4, the default); pass `omnichat` (e.g. a test
 * inbox's credentials) to connect it to an inbox.
 */
export async function createRoutingBot(t: TestApp, overrides: Record<string, unknown> = {}): Promise<TestBot> {
  const bot = bodyOf(await t.request("POST", "/v1/bots", { body: botBody({ signingSecret: undefined, ...overrides }) }), createBotRoute, 201);
  const cards = bodyOf(
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, {
      body: divisionBody({ name: "Cards", teamId: 2, keywords: ["kartu kredit", "blokir", "limit"] }),
    }),
    createDivisionRoute,
    201,
  );
  const complaints = bodyOf(
    await t.request("POST", `/v1/bots/${bot.id}/divisions`, {
      body: divisionBody({ name: "Complaints", teamId: 4, keywords: ["komplain", "keluhan"], prompt: "Alihkan ke agent jika user memiliki keluhan" }),
    }),
    createDivisionRoute,
    201,
  );
  bodyOf(await t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: complaints.id } }), putSettingsRoute, 200);
  return { id: bot.id, webhookPath: new URL(bot.webhookUrl).pathname, divisions: { cards: cards.id, complaints: complaints.id } };
}

/**
 * The set-up most integration files share: before their tests, an app with a routing bot, handed
 * to `ready` (which keeps them); after them, the app is closed.
 */
export function useAppWithRoutingBot(ready: (t: TestApp, bot: TestBot) => void | Promise<void>): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp();
    await ready(app, await createRoutingBot(app));
  });
  afterAll(async () => {
    await app?.close();
  });
}

export async function postWebhook(t: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return t.request("POST", path, { raw: JSON.stringify(body), headers: { "content-type": "application/json", ...headers }, token: null });
}
