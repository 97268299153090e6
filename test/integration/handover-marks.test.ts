import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ProfileName } from "../../emulator/chatwoot/index.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";

// A handover marks the Chatwoot conversation: the decision as custom attributes, the division's
// priority, its labels. Chatwoot replaces custom attributes and labels as a whole, so what an agent
// put there before must survive; the events these changes cause must not move ownership.

let app: E2eApp;
beforeAll(async () => {
  app = await createE2eApp();
});
afterAll(async () => {
  await app.close();
});

/** A routing bot connected to a fresh inbox of this version; Cards (team 2) has a priority and labels. */
async function setUp(profile: ProfileName, options: { adminToken?: boolean } = {}) {
  const inbox = await startInbox(app.t.clock, { profile });
  const bot = await createRoutingBot(app.t, { omnichat: inbox.credentials(options.adminToken === false ? { adminToken: undefined } : {}) });
  const cards = await app.t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.divisions.cards ?? ""}`, {
    body: { priority: "urgent", labels: ["kartu", "Blokir-Kartu"] },
  });
  expect(cards.body).toMatchObject({ priority: "urgent", labels: ["kartu", "blokir-kartu"] });
  inbox.deliverTo(app, bot.webhookPath);
  return { inbox, bot };
}

/** An administrator acting in the dashboard (the REST API with the admin token). */
async function asAdmin(inbox: TestInbox, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${inbox.emulator.baseUrl}/api/v1/accounts/${String(inbox.emulator.accountId)}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", api_access_token: inbox.emulator.adminToken },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const view = async (bot: TestBot, conversationId: number) =>
  bodyOf(await app.t.request("GET", `/v1/bots/${bot.id}/conversations/${String(conversationId)}`), getConversationRoute, 200);
/** `changed_attributes` of a conversation_updated payload: one `{ attribute: { previous_value, current_value } }` per change. */
const changedAttributes = z.array(z.record(z.string(), z.unknown()));
const botReplies = (inbox: TestInbox, conversationId: number) =>
  inbox.emulator.transcript().filter((m) => m.conversationId === conversationId && m.from === "bot").length;

describe("a handover on Chatwoot 4.15 (events for every change)", () => {
  it("keeps the agent's labels and attributes, adds its own, sets the priority; none of the events moves ownership", async () => {
    const { inbox, bot } = await setUp("current");
    const { conversationId } = inbox.emulator.customerSays("halo");
    await app.settle();
    // An agent labels the pending conversation: the bot still owns it and answers.
    await asAdmin(inbox, `/conversations/${String(conversationId)}/labels`, { labels: ["vip"] });
    await asAdmin(inbox, `/conversations/${String(conversationId)}/custom_attributes`, { custom_attributes: { segmen: "gold" } });
    await app.settle();
    expect(await view(bot, conversationId)).toMatchObject({ owner: "bot" });

    inbox.emulator.customerSays("kartu kredit saya diblokir");
    await app.settle();
    const state = inbox.emulator.conversation({ conversationId });
    expect(state).toMatchObject({ status: "open", teamId: 2, priority: "urgent", labels: ["vip", "kartu", "blokir-kartu"] });
    expect(state.customAttributes).toEqual({
      segmen: "gold",
      switchboard_division: "Cards",
      switchboard_confidence: expect.any(Number),
      switchboard_reason: expect.stringContaining("kartu kredit"),
    });
    expect(state.activities).toEqual(
      expect.arrayContaining(["Smart Handover Agent set the priority to urgent", "Smart Handover Agent added kartu, blokir-kartu"]),
    );
    expect(
      inbox
        .callsFor(conversationId)
        .slice(-9)
        .map((c) => [c.call, c.caller]),
    ).toEqual([
      ["POST messages", inbox.callers.bot],
      ["POST assignments", inbox.callers.bot],
      [`GET ${String(conversationId)}`, inbox.callers.admin],
      ["POST custom_attributes", inbox.callers.bot],
      ["POST toggle_priority", inbox.callers.bot],
      ["GET labels", inbox.callers.admin],
      ["POST labels", inbox.callers.bot],
      ["POST messages", inbox.callers.bot],
      ["POST toggle_status", inbox.callers.bot],
    ]);
    // Chatwoot told the bot about each change (conversation_updated): stored, ownership unchanged.
    const updates = inbox.emulator.deliveries
      .list()
      .filter((d) => d.event === "conversation_updated")
      .map((d) => changedAttributes.parse(d.payload.changed_attributes).flatMap((c) => Object.keys(c)));
    expect(updates).toEqual(
      expect.arrayContaining([
        ["updated_at", "custom_attributes"],
        ["updated_at", "priority"],
        ["updated_at", "cached_label_list", "label_list"],
      ]),
    );
    expect(await view(bot, conversationId)).toMatchObject({ owner: "human", ownerReason: "handover", failedActions: [] });

    // An agent labels the open conversation: the human keeps it, the bot stays silent.
    const replies = botReplies(inbox, conversationId);
    await asAdmin(inbox, `/conversations/${String(conversationId)}/labels`, { labels: ["vip", "kartu", "blokir-kartu", "selesai"] });
    inbox.emulator.customerSays("halo?");
    await app.settle();
    expect(botReplies(inbox, conversationId)).toBe(replies);
    expect(await view(bot, conversationId)).toMatchObject({ owner: "human", ownerReason: "handover" });
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });

  it("merges again after a retry: a write that was done before its answer failed is not repeated", async () => {
    const { inbox } = await setUp("current");
    const { conversationId } = inbox.emulator.customerSays("halo");
    await app.settle();
    await asAdmin(inbox, `/conversations/${String(conversationId)}/labels`, { labels: ["vip"] });
    inbox.emulator.failNextApiCalls(/POST .*\/labels$/, "apply-then-500");
    inbox.emulator.customerSays("kartu kredit saya diblokir");
    await app.settle();
    expect(inbox.emulator.conversation({ conversationId })).toMatchObject({ status: "open", labels: ["vip", "kartu", "blokir-kartu"] });
    // The bot's one write (done, answered 500); the retry read the labels and found them there.
    expect(
      inbox
        .callsFor(conversationId)
        .filter((c) => c.call === "POST labels" && c.caller === inbox.callers.bot)
        .map((c) => c.status),
    ).toEqual([500]);
    expect(inbox.callsFor(conversationId).filter((c) => c.call === "GET labels")).toHaveLength(2);
    expect(inbox.emulator.conversation({ conversationId }).activities.filter((a) => a.includes("added kartu"))).toHaveLength(1);
  });
});

describe("older inboxes", () => {
  it("4.12 with the bot token alone: attributes merged onto what the customer's message carried, priority set, labels refused and reported", async () => {
    const { inbox, bot } = await setUp("4.9-4.12", { adminToken: false });
    const { conversationId } = inbox.emulator.customerSays("halo");
    await app.settle();
    await asAdmin(inbox, `/conversations/${String(conversationId)}/custom_attributes`, { custom_attributes: { segmen: "gold" } });
    inbox.emulator.customerSays("kartu kredit saya diblokir");
    await app.settle();
    const state = inbox.emulator.conversation({ conversationId });
    expect(state).toMatchObject({ status: "open", teamId: 2, priority: "urgent", labels: [] });
    expect(state.customAttributes).toMatchObject({ segmen: "gold", switchboard_division: "Cards" });
    // The bot may not read the conversation before 4.14.2: the attributes came from the delivery.
    expect(
      inbox
        .callsFor(conversationId)
        .filter((c) => c.call.startsWith("GET"))
        .map((c) => [c.call, c.status]),
    ).toEqual([
      [`GET ${String(conversationId)}`, 401],
      ["GET labels", 401],
    ]);
    const { failedActions, owner } = await view(bot, conversationId);
    expect(owner).toBe("human");
    expect(failedActions).toEqual([
      { action: "labels", error: expect.stringContaining("from Chatwoot 4.14.2 on; give the bot an administrator token"), at: expect.any(String) },
    ]);
    expect(inbox.emulator.agentBotErrors).toEqual([]);
  });

  it(
    "v1.18 with an administrator token: no custom attributes (no such route, not asked), no " + "priorities (reported), labels through the admin token",
    async () => {
      const { inbox, bot } = await setUp("legacy");
      const { conversationId } = inbox.emulator.customerSays("kartu kredit saya diblokir");
      await app.settle();
      const state = inbox.emulator.conversation({ conversationId });
      expect(state).toMatchObject({ status: "open", teamId: 2, labels: ["kartu", "blokir-kartu"], customAttributes: {} });
      expect(state.activities).toContain("Admin Bank ABC added kartu, blokir-kartu");
      const calls = inbox.callsFor(conversationId).map((c) => `${c.call} ${String(c.status)}`);
      expect(calls.filter((c) => c.includes("custom_attributes"))).toEqual([]);
      expect(calls.filter((c) => c.includes("labels"))).toEqual(["GET labels 200", "POST labels 401", "POST labels 200"]);
      expect((await view(bot, conversationId)).failedActions).toEqual([
        { action: "priority", error: expect.stringContaining("this inbox has no conversation priorities (Chatwoot before 2.17)"), at: expect.any(String) },
      ]);
      expect(inbox.emulator.agentBotErrors).toEqual([]);
    },
  );

  it("does not write custom attributes when the setting is off", async () => {
    const { inbox, bot } = await setUp("current");
    await app.t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, inbox: { handoverAttributes: false } } });
    const { conversationId } = inbox.emulator.customerSays("kartu kredit saya diblokir");
    await app.settle();
    expect(inbox.emulator.conversation({ conversationId })).toMatchObject({ status: "open", customAttributes: {}, priority: "urgent" });
    expect(inbox.callsFor(conversationId).some((c) => c.call === "POST custom_attributes")).toBe(false);
  });
});
