import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConnectionRoute } from "../../src/http/routes/bots/check-connection.js";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { getBotRoute } from "../../src/http/routes/bots/get-bot.js";
import { patchBotRoute } from "../../src/http/routes/bots/patch-bot.js";
import { createRoutingBot } from "../harness/bot-setup.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox } from "../harness/emulator-inbox.js";
import { bodyOf } from "../harness/contract.js";
import type { TestApp } from "../harness/test-app.js";

// Chatwoot signs agent-bot deliveries from 4.13 (X-Chatwoot-Signature, with the agent bot's
// Webhook Secret); before, only the token in the webhook URL authenticates them.
let app: E2eApp;
let t: TestApp;
beforeAll(async () => {
  app = await createE2eApp();
  t = app.t;
});
afterAll(async () => {
  await app.close();
});

const view = async (botId: string) => bodyOf(await t.request("GET", `/v1/bots/${botId}`), getBotRoute, 200);

describe("a bot without a signing secret", () => {
  it("says so in its answer and in its view, at signingSecret", async () => {
    const inbox = await startInbox(t.clock);
    try {
      const created = bodyOf(await t.request("POST", "/v1/bots", { body: { name: "Unsigned", omnichat: inbox.credentials() } }), createBotRoute, 201);
      const warning = { path: "signingSecret", message: expect.stringContaining("Settings → Bots → edit the bot") };
      expect(created).toMatchObject({ signingSecretSet: false, refuseUnsignedDeliveries: false, warnings: [warning] });
      expect(await view(created.id)).toMatchObject({ warnings: [warning] });
      const signed = bodyOf(
        await t.request("POST", "/v1/bots", { body: { name: "Signed", omnichat: inbox.credentials(), signingSecret: inbox.emulator.botSecret } }),
        createBotRoute,
        201,
      );
      expect(signed).toMatchObject({ signingSecretSet: true, warnings: [] });
    } finally {
      await inbox.close();
    }
  });

  it("is told by the connection check that its inbox signs, once a 4.13+ inbox has delivered to it", async () => {
    const inbox = await startInbox(t.clock, { profile: "current" });
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
    inbox.deliverTo(app, bot.webhookPath);
    inbox.emulator.customerSays("halo");
    await app.settle();
    const checks = bodyOf(await t.request("POST", `/v1/bots/${bot.id}/connection-check`), checkConnectionRoute, 200);
    expect(checks.checks.find((c) => c.name === "signing")).toEqual({
      name: "signing",
      status: "warning",
      detail: expect.stringContaining("your inbox is Chatwoot 4.13 or newer (it sends X-Chatwoot-Delivery) and signs every delivery"),
    });
  });
});

describe("refusing unsigned deliveries", () => {
  it("refuses every delivery of a bot without a secret (a pre-4.13 inbox opens the conversation to humans), and says why in the view", async () => {
    const inbox = await startInbox(t.clock, { profile: "4.9-4.12" }); // does not sign
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials() });
    const patched = bodyOf(await t.request("PATCH", `/v1/bots/${bot.id}`, { body: { refuseUnsignedDeliveries: true } }), patchBotRoute, 200);
    expect(patched.warnings).toEqual([{ path: "refuseUnsignedDeliveries", message: expect.stringContaining("every delivery is refused") }]);
    t.clock.advance(3000); // the webhook's bot cache forgets the old setting
    inbox.deliverTo(app, bot.webhookPath);
    const { conversationId } = inbox.emulator.customerSays("halo");
    await app.settle();
    const errors = inbox.emulator.agentBotErrors;
    expect(errors[0]).toMatchObject({ event: "message_created", openedConversation: true });
    expect(errors.every((e) => e.reason.startsWith("401"))).toBe(true);
    expect(inbox.emulator.conversation({ conversationId }).status).toBe("open"); // Chatwoot's failure policy
    expect((await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationId)}`)).status).toBe(404);
  });

  it("accepts a 4.13+ inbox's signed deliveries once the secret is set", async () => {
    const inbox = await startInbox(t.clock, { profile: "current" });
    const bot = await createRoutingBot(t, { omnichat: inbox.credentials(), signingSecret: inbox.emulator.botSecret, refuseUnsignedDeliveries: true });
    inbox.deliverTo(app, bot.webhookPath);
    const { conversationId } = inbox.emulator.customerSays("halo");
    await app.settle();
    expect(inbox.emulator.agentBotErrors).toEqual([]);
    expect(inbox.emulator.transcript().map((m) => m.from)).toEqual(["customer", "bot"]);
    expect((await t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationId)}`)).status).toBe(200);
  });
});
