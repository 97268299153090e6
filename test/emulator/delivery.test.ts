import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { emulatorWithSink } from "./webhook-sink.js";

// AgentBots::WebhookJob and Webhooks::Trigger: when, how and how often a delivery is made.
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

const sign = (secret: string, ts: string, raw: string) => `sha256=${createHmac("sha256", secret).update(`${ts}.${raw}`).digest("hex")}`;

describe("signing", () => {
  it("signs `<timestamp>.<body>` with the bot's secret on the shared clock, and keeps the delivery id across retries", async () => {
    t = await emulatorWithSink();
    t.sink.respond(500);
    t.emulator.customerSays("halo");
    await new Promise((r) => setTimeout(r, 1)); // the first attempt, at 02:30:00
    t.clock.advance(7000);
    await t.emulator.idle();
    const [first, retry] = t.sink.received;
    expect(first!.headers["x-chatwoot-timestamp"]).toBe("1768444200");
    expect(first!.headers["x-chatwoot-signature"]).toBe(sign("emulator-bot-secret", "1768444200", first!.raw));
    expect(retry!.headers["x-chatwoot-timestamp"]).toBe("1768444207");
    expect(retry!.headers["x-chatwoot-signature"]).toBe(sign("emulator-bot-secret", "1768444207", retry!.raw));
    expect(retry!.headers["x-chatwoot-delivery"]).toBe(first!.headers["x-chatwoot-delivery"]);
    expect(first!.headers["x-chatwoot-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry!.raw).toBe(first!.raw);
  });

  it("sends no signature for a bot without a secret", async () => {
    t = await emulatorWithSink({ world: { botSecret: null } });
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received[0]!.headers).not.toHaveProperty("x-chatwoot-signature");
    expect(t.sink.received[0]!.headers).toHaveProperty("x-chatwoot-delivery");
  });
});

describe("retries and the failure policy", () => {
  it("retries 429 and 500, three attempts in all, and records nothing when one succeeds", async () => {
    t = await emulatorWithSink();
    t.sink.respond(429, 500);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received).toHaveLength(3);
    expect(t.emulator.agentBotErrors).toEqual([]);
    expect(t.emulator.conversation().status).toBe("pending");
  });

  it("does not retry 502, 503, 504 or 4xx: the failed message delivery opens the pending conversation to humans", async () => {
    t = await emulatorWithSink();
    t.sink.respond(503);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.of("message_created")).toHaveLength(1);
    expect(t.emulator.agentBotErrors).toMatchObject([{ event: "message_created", attempts: 1, reason: "503 Service Unavailable", openedConversation: true }]);
    expect(t.emulator.conversation()).toMatchObject({
      status: "open",
      activities: ["Conversation was marked open by system due to an error with the agent bot."],
    });
    expect(t.sink.events().slice(1)).toEqual(expect.arrayContaining(["conversation_opened", "conversation_status_changed"]));
  });

  it("gives up after the third 500 and opens the conversation", async () => {
    t = await emulatorWithSink();
    t.sink.respond(500, 500, 500);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received.slice(0, 3).map((r) => r.body.event)).toEqual(["message_created", "message_created", "message_created"]);
    expect(t.emulator.agentBotErrors).toMatchObject([{ attempts: 3, reason: "500 Internal Server Error", openedConversation: true }]);
  });

  it("treats a slow answer as a failure (the timeout), without a retry", async () => {
    t = await emulatorWithSink({ delivery: { timeoutMs: 100 } });
    t.sink.respond({ status: 200, delayMs: 400 });
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.emulator.agentBotErrors).toMatchObject([{ attempts: 1, reason: "timed out after 100 ms", openedConversation: true }]);
    expect(t.emulator.conversation().status).toBe("open");
  });

  it("keeps the conversation pending when the account keeps pending conversations on bot failure, and ignores failed status events", async () => {
    t = await emulatorWithSink({ world: { keepPendingOnBotFailure: true } });
    t.sink.respond(404);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.emulator.agentBotErrors).toMatchObject([{ openedConversation: false }]);
    expect(t.emulator.conversation().status).toBe("pending");
  });

  it("leaves an open conversation alone and only records a failed conversation event", async () => {
    t = await emulatorWithSink();
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    t.sink.respond(404, 404, 404, 404);
    t.emulator.agentSetsPending();
    t.emulator.agentAssignsTeam(3);
    await t.emulator.idle();
    expect(t.emulator.agentBotErrors.map((e) => [e.event, e.openedConversation])).toEqual([["conversation_updated", false]]);
    expect(t.emulator.conversation().status).toBe("pending");
  });
});

describe("queue timing and order", () => {
  it("delivers after the configured delay", async () => {
    t = await emulatorWithSink({ delivery: { delayMs: 150 } });
    const started = Date.now();
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received[0]!.at - started).toBeGreaterThanOrEqual(140);
  });

  it("runs independent jobs in a seeded order: the same seed, the same order; not first-in first-out", async () => {
    const orderWith = async (seed: number) => {
      t = await emulatorWithSink({ delivery: { reorderSeed: seed, delayMs: 20 } });
      for (const text of ["a", "b", "c", "d", "e", "f"]) t.emulator.customerSays(text, { contact: text });
      await t.emulator.idle();
      const order = t.sink.received.map((r) => r.body.content as string);
      await t.close();
      return order;
    };
    const first = await orderWith(7);
    expect(await orderWith(7)).toEqual(first);
    expect(first).not.toEqual(["a", "b", "c", "d", "e", "f"]);
    expect([...first].sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    t = await emulatorWithSink();
  });

  it("holds deliveries and releases them in the order a test chooses; idle() ignores held ones", async () => {
    t = await emulatorWithSink();
    t.emulator.deliveries.hold((job) => job.event === "message_created");
    t.emulator.customerSays("satu");
    t.emulator.customerSays("dua");
    await t.emulator.idle();
    expect(t.sink.received).toHaveLength(0);
    const held = t.emulator.deliveries.held();
    expect(held.map((h) => h.payload.content)).toEqual(["satu", "dua"]);
    await t.emulator.deliveries.release([held[1]!.id, held[0]!.id]);
    expect(t.sink.received.map((r) => r.body.content)).toEqual(["dua", "satu"]);
    t.emulator.deliveries.resume();
    t.emulator.customerSays("tiga");
    await t.emulator.idle();
    expect(t.sink.received.at(-1)!.body.content).toBe("tiga");
  });
});
