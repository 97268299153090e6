import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { incomingText } from "../fixtures/omnichat/index.js";
import { createRoutingBot, postWebhook, type TestBot } from "../harness/bot-setup.js";
import { createTestApp, type Json, type TestApp } from "../harness/test-app.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
useMswServer(...inbox.handlers);

// Thursday 2026-01-15, 09:30 in Jakarta: inside office hours.
const thursdayMorning = "2026-01-15T02:30:00.000Z";
const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, open: "08:00", close: "17:00" }));
const jakartaHours = { timezone: "Asia/Jakarta", weekly: weekdays, holidays: [{ date: "2026-01-16", name: "Isra Mikraj" }] };

let t: TestApp;
let conversation = 500;
beforeAll(async () => {
  t = await createTestApp({ now: thursdayMorning });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  inbox.reset();
  inbox.agents[0]!.availability_status = "online";
});

async function bankBot(overrides: Record<string, unknown> = {}): Promise<TestBot> {
  const bot = await createRoutingBot(t, overrides);
  await t.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: jakartaHours });
  return bot;
}

/** One "kartu kredit" turn (keyword route to Cards, team 2) through the emulator. */
async function cardsTurn(bot: TestBot) {
  const res = await t.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: ++conversation, text: "kartu kredit saya diblokir" } });
  expect(res.status).toBe(200);
  return res.body as Json;
}

const kinds = (out: Json) => out.actions.map((a: Json) => (a.action === "message" ? (a.message.private ? "note" : "message") : a.action));

describe("office hours decide the customer's message", () => {
  it("inside office hours with an agent online: the handover message, then assign → note → open", async () => {
    const out = await cardsTurn(await bankBot());
    expect(kinds(out)).toEqual(["message", "assign_team", "note", "toggle_status"]);
    expect(out.messages[0].content).toBe("Mohon tunggu sebentar, kami sedang menghubungkan Anda dengan tim Cards.");
    expect(out.decision.outcome.handover).toMatchObject({ availability: "available", message: "handover", handedOver: true });
  });

  it("outside office hours: the outside-hours message with the next opening in Indonesian, still handed over", async () => {
    const bot = await bankBot();
    t.clock.advance(10 * 3600_000); // Thursday 19:30 WIB; Friday is a holiday
    try {
      const out = await cardsTurn(bot);
      expect(kinds(out)).toEqual(["message", "assign_team", "note", "toggle_status"]);
      expect(out.messages[0].content).toBe(
        "Terima kasih telah menghubungi kami. Saat ini di luar jam operasional tim Cards. Kami akan membalas pesan Anda pada Senin, 19 Januari 2026 pukul 08.00 WIB.",
      );
      expect(out.decision.outcome.handover).toMatchObject({ availability: "closed", nextOpeningAt: "2026-01-19T08:00:00.000+07:00" });
      expect(out.actions[2].message.content).toContain("Di luar jam operasional");
      expect(inbox.calls).toEqual([]); // closed: presence is not even asked
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
    expect(out.decision.outcome.handover).toMatchObject({ availability: "closed", nextOpeningAt: "2026-01-15T20:00:00.000+07:00" });
    expect(out.messages[0].content).toContain("hari ini pukul 20.00 WIB");
  });

  it("keeps the conversation with the bot when the settings say so", async () => {
    const bot = await bankBot();
    await t.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, whenUnavailable: "keep_with_bot" } });
    t.clock.advance(10 * 3600_000);
    try {
      const out = await cardsTurn(bot);
      expect(kinds(out)).toEqual(["message"]);
      expect(out.conversation.owner).toBe("bot");
      expect(out.decision.outcome.handover).toMatchObject({ availability: "closed", handedOver: false });
    } finally {
      t.clock.advance(-10 * 3600_000);
    }
  });
});

describe("agent presence", () => {
  it("nobody of the team online: the all-agents-offline message", async () => {
    inbox.agents[0]!.availability_status = "offline";
    const out = await cardsTurn(await bankBot());
    expect(out.messages[0].content).toContain("semua agen tim Cards sedang offline");
    expect(out.decision.outcome.handover).toMatchObject({ availability: "offline" });
    expect(inbox.calls.map((c) => `${c.method} ${c.path} ${String(c.token)}`)).toEqual(["GET /teams/2/team_members admin-token-secret-1"]);
  });

  it("someone online (busy agents do not count): the handover message", async () => {
    inbox.agents.push({ id: 13, name: "Sari", availability_status: "busy" });
    inbox.teamMembers.set(2, [12, 13]);
    try {
      const out = await cardsTurn(await bankBot());
      expect(out.decision.outcome.handover).toMatchObject({ availability: "available" });
      expect(out.messages[0].content).toContain("menghubungkan Anda dengan tim Cards");
    } finally {
      inbox.agents.pop();
      inbox.teamMembers.set(2, [12]);
    }
  });

  it("unknown presence (no admin token) follows the presenceUnknown setting", async () => {
    const noAdmin = { omnichat: { ...botBody().omnichat, adminToken: undefined } };
    const optimistic = await bankBot(noAdmin);
    expect((await cardsTurn(optimistic)).decision.outcome.handover).toMatchObject({ availability: "available" });
    const pessimistic = await bankBot(noAdmin);
    await t.request("PUT", `/v1/bots/${pessimistic.id}/settings`, { body: { defaultDivisionId: pessimistic.divisions.complaints, presenceUnknown: "assume_offline" } });
    const out = await cardsTurn(pessimistic);
    expect(out.decision.outcome.handover).toMatchObject({ availability: "offline" });
    expect(out.messages[0].content).toContain("offline");
    expect(inbox.calls).toEqual([]);
  });
});

describe("message toggles", () => {
  it.each([
    ["handover", thursdayMorning, "online"],
    ["allAgentsOffline", thursdayMorning, "offline"],
    ["outsideOfficeHours", "2026-01-15T12:30:00.000Z", "online"],
  ] as const)("%s off: no customer message, the handover still happens", async (name, now, status) => {
    const app = await createTestApp({ now });
    try {
      const bot = await createRoutingBot(app);
      await app.request("PUT", `/v1/bots/${bot.id}/office-hours`, { body: jakartaHours });
      await app.request("PUT", `/v1/bots/${bot.id}/settings`, { body: { defaultDivisionId: bot.divisions.complaints, messages: { [name]: { enabled: false } } } });
      inbox.agents[0]!.availability_status = status;
      const out = (await app.request("POST", `/v1/bots/${bot.id}/simulate`, { body: { conversationId: 1, text: "kartu kredit" } })).body as Json;
      expect(kinds(out)).toEqual(["assign_team", "note", "toggle_status"]);
      expect(out.decision.outcome.handover.message).toBe("none");
    } finally {
      await app.close();
    }
  });
});

describe("through the real webhook", () => {
  it("outside office hours the inbox gets the outside-hours message, then assignment, note and open, in that order", async () => {
    const bot = await bankBot();
    t.clock.advance(10 * 3600_000);
    try {
      const body = incomingText({ text: "kartu kredit saya diblokir", conversationId: 77, messageId: 7001 });
      expect((await postWebhook(t, bot.webhookPath, body)).status).toBe(200);
      await t.settle();
      const sent = inbox.callsFor(77);
      expect(sent.map((c) => `${c.method} ${c.path.split("/").pop() ?? ""}`)).toEqual([
        "POST messages",
        "POST assignments",
        "POST messages",
        "POST toggle_status",
      ]);
      expect((sent[0]!.body as Json).content).toContain("Senin, 19 Januari 2026 pukul 08.00 WIB");
      expect(sent[2]!.body).toMatchObject({ private: true });
    } finally {
      t.clock.advance(-10 * 3600_000);
    }
  });
});
