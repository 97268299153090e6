import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { simulateTurnRoute } from "../../src/http/routes/conversations/simulate-turn.js";
import { createRoutingBot, type TestBot } from "../harness/bot-setup.js";
import { type BodyAt, bodyOf } from "../harness/contract.js";
import { createE2eApp, type E2eApp } from "../harness/e2e.js";
import { emulatorClientOptions, startInbox, type TestInbox } from "../harness/emulator-inbox.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

// Thursday 2026-01-15, 09:30 in Jakarta: inside office hours.
const thursdayMorning = "2026-01-15T02:30:00.000Z";
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" }));
const jakartaHours = { timezone: "Asia/Jakarta", weekly: weekdays, holidays: [{ date: "2026-01-16", name: "Isra Mikraj" }] };

let app: E2eApp;
let t: TestApp;
let inbox: TestInbox;
let conversation = 500;
beforeAll(async () => {
  app = await createE2eApp(); // on Thursday morning
  t = app.t;
  // The emulator's world: team 2 (Cards) is agent 12, team 4 (Complaints) agent 13, all online.
  inbox = await startInbox(t.clock);
});
afterAll(async () => {
  await inbox.close();
  await app.close();
});
afterEach(() => {
  inbox.reset();
  inbox.emulator.setAgentPresence(12, "online");
});

async function bankBot(overrides: Record<string, unknown> = {}, on: TestApp = t): Promise<TestBot> {
  const bot = await createRoutingBot(on, { omnichat: inbox.credentials(), ...overrides });
  await on.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: jakartaHours });
  inbox.reset(); // saving the divisions checked their teams with the inbox
  return bot;
}

/** One "kartu kredit" turn (keyword route to Cards, team 2) through the simulator: presence is read from the inbox. */
async function cardsTurn(bot: TestBot) {
  const res = await t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: ++conversation, text: "kartu kredit saya diblokir" } });
  return bodyOf(res, simulateTurnRoute, 200);
}

const kinds = (out: BodyAt<typeof simulateTurnRoute, 200>) =>
  out.actions.map((a) => (a.action === "message" ? (a.message.private ? "note" : "message") : a.action));

describe("office hours decide the customer's message", () => {
  it("inside office hours with an agent online: the handover message, then assign → custom attributes → note → open", async () => {
    const out = await cardsTurn(await bankBot());
    expect(kinds(out)).toEqual(["message", "assign_team", "custom_attributes", "note", "toggle_status"]);
    expect(out.messages[0]?.content).toBe("Mohon tunggu sebentar, kami sedang menghubungkan Anda dengan tim Cards.");
    expect(out.decision?.outcome.handover).toMatchObject({ availability: "available", message: "handover", handedOver: true });
  });

  it("outside office hours: the outside-hours message with the next opening in Indonesian, still handed over", async () => {
    const bot = await bankBot();
    t.clock.advance(10 * 3600_000); // Thursday 19:30 WIB; Friday is a holiday
    try {
      const out = await cardsTurn(bot);
      expect(kinds(out)).toEqual(["message", "assign_team", "custom_attributes", "note", "toggle_status"]);
      expect(out.messages[0]?.content).toBe(
        "Terima kasih telah menghubungi kami. Saat ini di luar jam operasional tim Cards. Kami " +
          "akan membalas pesan Anda pada Senin, 19 Januari 2026 pukul 08.00 WIB.",
      );
      expect(out.decision?.outcome.handover).toMatchObject({ availability: "closed", nextOpeningAt: "2026-01-19T08:00:00.000+07:00" });
      expect(out.actions[3]).toMatchObject({ action: "message", message: { content: expect.stringContaining("Di luar jam operasional") } });
      expect(inbox.calls()).toEqual([]); // closed: presence is not even asked
    } finally {
      t.clock.advance(-10 * 3600_000);
    }
  });

  it("uses the division's own hours over the bot's", async () => {
    const bot = await bankBot();
    await t.request("PATCH", `/v1/bots/${bot.id}/divisions/${bot.divisions.cards}`, {
      body: { officeHours: { timezone: "Asia/Jakarta", weekly: [{ day: 4, open: "20:00", close: "23:00" }], holidays: [] } },
    });
    const out = await cardsTurn(bot); // 09:30 Thursday: the bot is open, Cards is not
    expect(out.decision?.outcome.handover).toMatchObject({ availability: "closed", nextOpeningAt: "2026-01-15T20:00:00.000+07:00" });
    expect(out.messages[0]?.content).toContain("hari ini pukul 20.00 WIB");
  });

  it("keeps the conversation with the bot when the settings say so", async () => {
    const bot = await bankBot();
    await t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, whenUnavailable: "keep_with_bot" } });
    t.clock.advance(10 * 3600_000);
    try {
      const out = await cardsTurn(bot);
      expect(kinds(out)).toEqual(["message"]);
      expect(out.conversation.owner).toBe("bot");
      expect(out.decision?.outcome.handover).toMatchObject({ availability: "closed", handedOver: false });
    } finally {
      t.clock.advance(-10 * 3600_000);
    }
  });
});

describe("agent presence", () => {
  it("nobody of the team online: the all-agents-offline message", async () => {
    inbox.emulator.setAgentPresence(12, "offline");
    const out = await cardsTurn(await bankBot());
    expect(out.messages[0]?.content).toContain("semua agen tim Cards sedang offline");
    expect(out.decision?.outcome.handover).toMatchObject({ availability: "offline" });
    expect(
      inbox
        .calls()
        .map((c) => `${c.call} ${c.caller}`)
        .sort(),
    ).toEqual([`GET /inbox_members/3 ${inbox.callers.admin}`, `GET /teams/2/team_members ${inbox.callers.admin}`]);
  });

  it("an online team member who is not a member of the inbox cannot take it: all agents offline", async () => {
    const members = inbox.emulator.store.inbox.memberIds;
    members.splice(members.indexOf(12), 1);
    try {
      const out = await cardsTurn(await bankBot());
      expect(out.decision?.outcome.handover).toMatchObject({ availability: "offline" });
      expect(out.messages[0]?.content).toContain("semua agen tim Cards sedang offline");
    } finally {
      members.push(12);
    }
  });

  it("busy agents count as offline by default (Chatwoot does not auto-assign to them), or as online when presenceBusy says so", async () => {
    inbox.emulator.setAgentPresence(12, "busy");
    const bot = await bankBot();
    const out = await cardsTurn(bot);
    expect(out.decision?.outcome.handover).toMatchObject({ availability: "offline" });
    expect(out.messages[0]?.content).toContain("semua agen tim Cards sedang offline");
    await t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, presenceBusy: "assume_online" } });
    t.clock.advance(10_001); // the last reading is at most 10 s old
    const relaxed = await cardsTurn(bot);
    expect(relaxed.decision?.outcome.handover).toMatchObject({ availability: "available" });
    expect(relaxed.messages[0]?.content).toContain("menghubungkan Anda dengan tim Cards");
  });

  it("unknown presence (no admin token) follows the presenceUnknown setting, and the inbox is not asked", async () => {
    const noAdmin = { omnichat: inbox.credentials({ adminToken: undefined }) };
    const optimistic = await bankBot(noAdmin);
    expect((await cardsTurn(optimistic)).decision?.outcome.handover).toMatchObject({ availability: "available" });
    const pessimistic = await bankBot(noAdmin);
    await t.request("PUT", `/v1/bots/${pessimistic.id}/settings`, {
      body: { defaultDivisionId: pessimistic.divisions.complaints, presenceUnknown: "assume_offline" },
    });
    const out = await cardsTurn(pessimistic);
    expect(out.decision?.outcome.handover).toMatchObject({ availability: "offline" });
    expect(out.messages[0]?.content).toContain("offline");
    expect(inbox.calls()).toEqual([]);
  });
});

describe("message toggles", () => {
  it.each([
    ["handover", thursdayMorning, "online"],
    ["allAgentsOffline", thursdayMorning, "offline"],
    ["outsideOfficeHours", "2026-01-15T12:30:00.000Z", "online"],
  ] as const)("%s off: no customer message, the handover still happens", async (name, now, status) => {
    const other = await createTestApp({ now, inbox: emulatorClientOptions });
    try {
      const bot = await bankBot({}, other);
      await other.request("PUT", `/v1/bots/${bot.id}/settings`, {
        body: { defaultDivisionId: bot.divisions.complaints, messages: { [name]: { enabled: false } } },
      });
      inbox.emulator.setAgentPresence(12, status);
      const out = bodyOf(
        await other.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: 1, text: "kartu kredit" } }),
        simulateTurnRoute,
        200,
      );
      expect(kinds(out)).toEqual(["assign_team", "custom_attributes", "note", "toggle_status"]);
      expect(out.decision?.outcome.handover).toHaveProperty("message", "none");
    } finally {
      await other.close();
    }
  });
});

describe("through the inbox", () => {
  it("outside office hours the customer gets the outside-hours message, then assignment, note and open, in that order", async () => {
    const bot = await bankBot();
    inbox.deliverTo(app, bot.webhookPath);
    t.clock.advance(10 * 3600_000);
    try {
      const { conversationId } = inbox.emulator.customerSays("kartu kredit saya diblokir");
      await app.settle();
      expect(inbox.callsFor(conversationId).map((c) => c.call)).toEqual([
        "POST messages",
        "POST assignments",
        `GET ${String(conversationId)}`,
        "POST custom_attributes",
        "POST messages",
        "POST toggle_status",
      ]);
      const seen = inbox.emulator.transcript().map((m) => [m.from, m.text]);
      expect(seen).toEqual([
        ["customer", "kartu kredit saya diblokir"],
        ["bot", expect.stringContaining("Senin, 19 Januari 2026 pukul 08.00 WIB")],
      ]);
      const state = inbox.emulator.conversation({ conversationId });
      expect(state).toMatchObject({ status: "open", teamId: 2 });
      expect(state.privateNotes).toEqual([expect.stringContaining("Di luar jam operasional")]);
      expect(inbox.emulator.agentBotErrors).toEqual([]);
    } finally {
      t.clock.advance(-10 * 3600_000);
    }
  });
});
