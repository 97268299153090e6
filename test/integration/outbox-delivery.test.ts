import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBody } from "../../src/inbox/signature.js";
import { connectInbox, createE2eApp, type E2eApp, type E2eInbox } from "../harness/e2e.js";
import { appliedBotCalls, handoverCalls, scripts } from "../e2e/scenarios.js";

// Delivery semantics end to end, against the Chatwoot emulator: redeliveries, bursts, order, and
// every inbox failure a send can meet, with and without an admin token (docs/architecture.md, steps 10–12).

const script = scripts["bank-abc-simple"];
let app: E2eApp;
let inbox: E2eInbox;
let botOnly: E2eInbox;
let n = 0;
const nextContact = () => `customer-${String(++n)}`;

beforeAll(async () => {
  app = await createE2eApp();
  inbox = await connectInbox(app, { bot: "bank-abc-simple", profile: "current" });
  botOnly = await connectInbox(app, { bot: "bank-abc-simple", profile: "current", adminToken: false });
});
afterAll(async () => {
  await app.close();
});

/** Posts a delivery again, as Chatwoot's retry (or a proxy) would, signed on the shared clock. */
async function redeliver(target: E2eInbox, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const ts = Math.floor(app.t.clock.now().toSeconds());
  const secret = target.emulator.botSecret;
  const url = target.emulator.store.bots[0]?.outgoingUrl;
  if (!url) throw new Error("the emulator's bot has no webhook");
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret && { "x-chatwoot-timestamp": String(ts), "x-chatwoot-signature": signBody(secret, ts, body) }) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const seen = (target: E2eInbox, contact: string) =>
  target.emulator
    .transcript({ contact })
    .filter((m) => m.from === "bot")
    .map((m) => m.text);
const decisionsOf = async (target: E2eInbox, contact: string) => (await target.switchboard(target.emulator.conversation({ contact }).displayId)).decisions;

describe("deliveries", () => {
  it("a delivery repeated three times is answered once", async () => {
    const contact = nextContact();
    inbox.emulator.deliveries.hold((job) => job.event === "message_created");
    inbox.emulator.customerSays("halo", { contact });
    const [held] = inbox.emulator.deliveries.held();
    await inbox.emulator.deliveries.release(held ? [held.id] : []);
    inbox.emulator.deliveries.resume();
    expect([await redeliver(inbox, held?.payload), await redeliver(inbox, held?.payload)]).toEqual([200, 200]);
    await app.settle();
    expect(seen(inbox, contact)).toEqual([script.greeting]);
  });

  it("a burst of customers, with repeats, gets one answer each", async () => {
    const contacts = Array.from({ length: 20 }, nextContact);
    inbox.emulator.deliveries.hold((job) => job.event === "message_created");
    for (const contact of contacts) inbox.emulator.customerSays("halo", { contact });
    const held = inbox.emulator.deliveries.held();
    const repeats = held.slice(0, 8).map((job) => redeliver(inbox, job.payload));
    await Promise.all([inbox.emulator.deliveries.release(held.map((job) => job.id)), ...repeats]);
    inbox.emulator.deliveries.resume();
    await app.settle();
    for (const contact of contacts) expect(seen(inbox, contact)).toEqual([script.greeting]);
  });

  it("a conversation's messages delivered at once are each decided once, one at a time, in arrival order", async () => {
    const contact = nextContact();
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
    inbox.emulator.deliveries.hold((job) => job.event === "message_created");
    // Answers the greeting's menu does not know: each is answered by the menu again.
    for (const text of ["3", "4", "5"]) inbox.emulator.customerSays(text, { contact });
    const held = inbox.emulator.deliveries.held().filter((job) => job.payload.message_type === "incoming");
    // Chatwoot's delivery jobs keep no order: these arrive newest first.
    await inbox.emulator.deliveries.release(held.map((job) => job.id).reverse());
    inbox.emulator.deliveries.resume();
    await app.settle();
    expect((await decisionsOf(inbox, contact)).map((d) => d.text)).toEqual(["halo", "5", "4", "3"]);
    expect(seen(inbox, contact)).toHaveLength(4);
  });
});

describe("sends that fail", () => {
  it("500, 429, 500 from the inbox, then success: the reply arrives exactly once", async () => {
    const contact = nextContact();
    inbox.emulator.failNextApiCalls("POST /api/v1/accounts/1/conversations", 500, 429, 500);
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });

  it("created, but the answer never came (timeout): the echo proves it, nothing is sent twice", async () => {
    const contact = nextContact();
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/, "apply-then-hang");
    // What the customer saw is what the inbox stored: the greeting, once.
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("never created (the inbox hung): the admin token's message list proves it absent, sent once", async () => {
    const contact = nextContact();
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/, "hang");
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("a proxy's 502 after the inbox created it, with the admin token: found in the list, not resent", async () => {
    const contact = nextContact();
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/, "apply-then-500");
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("the bot token alone, created then 500: the echo proves it, nothing is sent twice", async () => {
    const contact = nextContact();
    botOnly.emulator.failNextApiCalls(/POST .*\/messages$/, "apply-then-500");
    expect(await botOnly.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("the bot token alone, a 504 and no echo: not resent (it might be there), and the decision says so", async () => {
    const contact = nextContact();
    botOnly.emulator.failNextApiCalls(/POST .*\/messages$/, 504);
    expect(await botOnly.customer(contact, "halo")).toEqual([]);
    const [decision] = await decisionsOf(botOnly, contact);
    expect(decision?.outcome.inboxFailures).toEqual([{ step: 0, action: "message", error: expect.stringContaining("not resent"), at: expect.any(String) }]);
    // The conversation goes on.
    expect(await botOnly.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("the bot token alone, refused (connection down, then 429): proven absent, so sent once it is back", async () => {
    const contact = nextContact();
    botOnly.emulator.failNextApiCalls(/POST .*\/messages$/, 429, 429, 429);
    expect(await botOnly.customer(contact, "halo")).toEqual([script.greeting]);
  });

  it("a card the inbox rejects for good (422): written on the decision, the rest of the turn still goes out", async () => {
    const contact = nextContact();
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/, 422);
    expect(await inbox.customer(contact, script.handoverChoice)).toEqual([]);
    expect(inbox.emulator.conversation({ contact })).toMatchObject({ status: "open" });
    const decisions = await decisionsOf(inbox, contact);
    expect(decisions.at(-1)?.outcome.inboxFailures).toEqual([{ step: 0, action: "message", error: expect.stringContaining("422"), at: expect.any(String) }]);
  });

  it("keeps the handover's order through failures: message → assignment → note → open, each once", async () => {
    const contact = nextContact();
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
    inbox.emulator.failNextApiCalls("/assignments", 503, 500);
    inbox.emulator.failNextApiCalls("/toggle_status", 500);
    expect(await inbox.customer(contact, script.handoverChoice)).toEqual([script.waitMessage]);
    const id = inbox.emulator.conversation({ contact }).displayId;
    expect(appliedBotCalls({ inbox }, id)).toEqual(handoverCalls("current"));
    expect(inbox.emulator.conversation({ contact })).toMatchObject({ status: "open" });
  });

  it("an inbox that keeps failing: the job is dead-lettered with the reason and the conversation moves on", async () => {
    const contact = nextContact();
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/, ...Array<number>(12).fill(503));
    expect(await inbox.customer(contact, "halo")).toEqual([]);
    const { jobs } = await import("../../src/db/schema/jobs.js");
    const dead = (await app.t.db.select().from(jobs)).filter((j) => j.status === "dead");
    expect(dead.at(-1)?.lastError).toContain("503");
    expect(dead.at(-1)?.attempts).toBe(10);
    inbox.emulator.failNextApiCalls(/POST .*\/messages$/);
    expect(await inbox.customer(contact, "halo")).toEqual([script.greeting]);
  });
});
