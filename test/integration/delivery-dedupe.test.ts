import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { deliveryHeaders } from "../../emulator/chatwoot/delivery/send-attempt.js";
import { profiles } from "../../emulator/chatwoot/index.js";
import { inboxEvents } from "../../src/db/schema/inbox-events.js";
import { receiveWebhookRoute } from "../../src/http/routes/webhooks/receive-webhook.js";
import { messageEventSchema } from "../../src/inbox/webhook-payload.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { bodyOf } from "../harness/contract.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { readResponse, type TestResponse } from "../harness/read-response.js";

// Chatwoot 4.13+ sends `X-Chatwoot-Delivery` (a UUID per delivery, kept on every retry of it).
let app: E2eApp;
let inbox: TestInbox;
let bot: TestBot;
beforeAll(async () => {
  app = await createE2eApp();
  inbox = await startInbox(app.t.clock, { profile: "current" });
  bot = await createRoutingBot(app.t, { omnichat: inbox.credentials(), signingSecret: inbox.emulator.botSecret });
  inbox.deliverTo(app, bot.webhookPath);
});
afterEach(async () => {
  // The held deliveries go out as well now, and find their copies stored.
  inbox.emulator.deliveries.resume();
  await app.settle();
});
afterAll(async () => {
  await app.close();
});

/** The inbox's next delivery, held back before it is sent: its body and delivery id as Chatwoot made them. */
function nextDelivery(say: string, contact: string) {
  inbox.emulator.deliveries.hold();
  inbox.emulator.customerSays(say, { contact });
  const job = inbox.emulator.deliveries.held().find((j) => j.event === "message_created");
  if (!job) throw new Error("no delivery held");
  return { id: job.deliveryId, body: job.body };
}

/** One attempt, with the headers Chatwoot computes per attempt (a new timestamp and signature). */
async function attempt(delivery: { id: string; body: string }, at: number): Promise<TestResponse> {
  const headers = deliveryHeaders(profiles.current, {
    url: "",
    body: delivery.body,
    secret: inbox.emulator.botSecret,
    deliveryId: delivery.id,
    timestampSeconds: at,
  });
  return readResponse(await fetch(`${app.url}${bot.webhookPath}`, { method: "POST", headers, body: delivery.body }));
}

const stored = (deliveryId: string) => app.t.db.select().from(inboxEvents).where(eq(inboxEvents.deliveryId, deliveryId));
const nowSeconds = () => Math.floor(app.t.clock.now().toSeconds());

describe("X-Chatwoot-Delivery", () => {
  it("a delivery Chatwoot retries (same id and body, a new signature) is stored once, with its delivery id", async () => {
    const delivery = nextDelivery("halo", "retry");
    expect(bodyOf(await attempt(delivery, nowSeconds()), receiveWebhookRoute, 200)).toEqual({ status: "accepted", kind: "turn" });
    expect(bodyOf(await attempt(delivery, nowSeconds() + 3), receiveWebhookRoute, 200)).toEqual({ status: "duplicate", kind: "turn" });
    expect(await stored(delivery.id)).toHaveLength(1);
  });

  it("identifies the delivery even when its content would make a new key (stored by a Switchboard with another key scheme before an upgrade)", async () => {
    const delivery = nextDelivery("apakah ada promo?", "upgrade");
    const payload = z.record(z.string(), z.unknown()).parse(JSON.parse(delivery.body));
    const message = messageEventSchema.parse(payload);
    // The first attempt was stored by an older Switchboard under a key of its own.
    await app.t.db.insert(inboxEvents).values({
      botId: bot.id,
      dedupeKey: `v0:${String(message.id)}`,
      deliveryId: delivery.id,
      event: "message_created",
      kind: "turn",
      conversationId: message.conversation.id,
      messageId: message.id,
      content: message.content,
      payload,
      receivedAt: app.t.clock.now().toJSDate(),
    });
    expect(bodyOf(await attempt(delivery, nowSeconds()), receiveWebhookRoute, 200)).toEqual({ status: "duplicate", kind: "turn" });
    expect(await stored(delivery.id)).toHaveLength(1);
  });

  it("different deliveries of the same content are still de-duplicated by content", async () => {
    const delivery = nextDelivery("selamat pagi", "twice");
    expect(bodyOf(await attempt(delivery, nowSeconds()), receiveWebhookRoute, 200).status).toBe("accepted");
    const again = await attempt({ ...delivery, id: "6f1c3c9e-0000-4000-8000-000000000000" }, nowSeconds());
    expect(bodyOf(again, receiveWebhookRoute, 200).status).toBe("duplicate");
  });

  it("refuses a delivery id no inbox would send, at the header", async () => {
    const delivery = nextDelivery("tes", "long");
    const res = await attempt({ ...delivery, id: "x".repeat(201) }, nowSeconds());
    expect(bodyOf(res, receiveWebhookRoute, 400).errors).toEqual([{ path: "headers.x-chatwoot-delivery", message: "must be at most 200 characters" }]);
  });
});
