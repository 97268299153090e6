import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InboxApiError } from "../../src/inbox/inbox-api-error.js";
import { InboxClient } from "../../src/inbox/inbox-client.js";
import { createTeamPresence } from "../../src/services/inbox/presence.js";
import { officeHoursFromInbox } from "../../src/services/office-hours/working-hours.js";
import { fixedClock } from "../../src/time/clock.js";
import { startInbox, type TestInbox } from "../harness/emulator-inbox.js";

const clock = fixedClock("2026-01-15T02:30:00Z");
let inbox: TestInbox;
let conversationId: number;
const client = (overrides: Record<string, unknown> = {}) =>
  new InboxClient({ ...inbox.credentials(), ...overrides }, { timeoutMs: 300, retries: 2, backoffLimitMs: 10 });
const botRow = { id: "bot_presence", omnichatInboxId: 3 } as Parameters<ReturnType<typeof createTeamPresence>>[0];

beforeAll(async () => {
  inbox = await startInbox(clock);
  conversationId = inbox.newConversation();
});
afterAll(async () => {
  await inbox.close();
});
beforeEach(() => {
  inbox.reset();
});

const botMessages = () => inbox.emulator.transcript({ contact: "contact-1" }).filter((m) => m.from === "bot");

describe("InboxClient against the inbox", () => {
  it("retries a 429 (nothing was created), then sends once", async () => {
    inbox.emulator.failNextApiCalls("POST /api/v1/accounts/1/conversations", 429, 429);
    const before = botMessages().length;
    const sent = await client().sendMessage(conversationId, { content: "halo" });
    expect(sent).toMatchObject({ id: expect.any(Number), agentBotId: inbox.emulator.botId });
    expect(inbox.calls().map((c) => [c.call, c.status])).toEqual([
      [`POST /conversations/${String(conversationId)}/messages`, 429],
      [`POST /conversations/${String(conversationId)}/messages`, 429],
      [`POST /conversations/${String(conversationId)}/messages`, 200],
    ]);
    expect(
      botMessages()
        .slice(before)
        .map((m) => m.text),
    ).toEqual(["halo"]);
  });

  it("does not retry a send on 503 inside the call: a proxy's 5xx may follow a created message, so the send guard decides", async () => {
    inbox.emulator.failNextApiCalls("POST /api/v1/accounts/1/conversations", 503);
    const error = await client()
      .sendMessage(conversationId, { content: "mungkin" })
      .catch((e: unknown) => e);
    expect((error as InboxApiError).details).toMatchObject({ status: 503, retryable: true, outcomeUnknown: true });
    expect(inbox.calls()).toHaveLength(1);
  });

  it("does not retry a 500 inside the call (it may have been carried out)", async () => {
    inbox.emulator.failNextApiCalls("/messages", "apply-then-500");
    await expect(client().sendMessage(conversationId, { content: "mungkin terkirim" })).rejects.toMatchObject({ details: { status: 500, retryable: true } });
    expect(inbox.calls()).toHaveLength(1);
    expect(botMessages().at(-1)?.text).toBe("mungkin terkirim"); // Chatwoot did create it
  });

  it("reports a timeout as an unknown outcome", async () => {
    inbox.emulator.failNextApiCalls("/messages", "hang");
    const error = await client()
      .sendMessage(conversationId, { content: "halo" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InboxApiError);
    expect((error as InboxApiError).details).toMatchObject({ retryable: true, outcomeUnknown: true });
    // The inbox notices the caller gave up and logs the call then.
    await vi.waitFor(() => {
      expect(inbox.calls().map((c) => c.caller)).toEqual(["fault"]);
    });
  });

  it("sends the bot token for messages and the admin token for presence, never in the URL", async () => {
    await client().sendMessage(conversationId, { content: "x" });
    await client().listTeamMembers(2);
    expect(inbox.calls().map((c) => c.caller)).toEqual([inbox.callers.bot, inbox.callers.admin]);
    const { botToken, adminToken } = inbox.emulator;
    expect(inbox.calls().every((c) => !c.call.includes(botToken) && !c.call.includes(adminToken))).toBe(true);
  });

  it("checks toggle_status's current_status against the inbox's answer", async () => {
    expect(await client().toggleStatus(conversationId, "open")).toBe("open");
    expect(inbox.emulator.conversation({ conversationId }).status).toBe("open");
  });

  it("turns an inbox error into a typed, non-retryable error", async () => {
    await expect(client().sendMessage(999, { content: "x" })).rejects.toMatchObject({ details: { status: 404, retryable: false } });
    await expect(client({ botToken: "wrong-token" }).sendMessage(conversationId, { content: "x" })).rejects.toMatchObject({
      details: { status: 401, retryable: false },
    });
  });
});

/** Something in front of the inbox that answers 200 with what Chatwoot never sends (a proxy's page, a fork). */
async function misbehavingUpstream(body: string, contentType: string) {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": contentType }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

describe("answers that are not Chatwoot's", () => {
  it("a page that is not JSON, and a status the inbox did not take, are errors", async () => {
    const html = await misbehavingUpstream("<html>oops</html>", "text/html");
    const pending = await misbehavingUpstream(
      JSON.stringify({ meta: {}, payload: { success: false, conversation_id: 1, current_status: "pending" } }),
      "application/json",
    );
    try {
      await expect(client({ baseUrl: html.baseUrl }).sendMessage(1, { content: "x" })).rejects.toMatchObject({ details: { retryable: false } });
      await expect(client({ baseUrl: pending.baseUrl }).toggleStatus(1, "open")).rejects.toThrow(/inbox says pending/);
    } finally {
      await html.close();
      await pending.close();
    }
  });
});

describe("team presence", () => {
  const presenceOf = (maxAgeMs?: number) => createTeamPresence({ clock, logger: pino({ level: "silent" }), ...(maxAgeMs !== undefined && { maxAgeMs }) });
  const store = () => inbox.emulator.store;

  it("is online when a member of the team and the inbox is online, offline when none is, and read again after 10 s", async () => {
    const presence = presenceOf();
    expect(await presence(botRow, client(), 2)).toEqual({ status: "online", onlineAgents: 1 });
    inbox.emulator.setAgentPresence(12, "offline");
    try {
      clock.advance(9_000);
      expect(await presence(botRow, client(), 2)).toEqual({ status: "online", onlineAgents: 1 });
      expect(
        inbox
          .calls()
          .map((c) => `${c.call} ${c.caller}`)
          .sort(),
      ).toEqual([`GET /inbox_members/3 ${inbox.callers.admin}`, `GET /teams/2/team_members ${inbox.callers.admin}`]);
      clock.advance(1_001);
      expect(await presence(botRow, client(), 2)).toEqual({ status: "offline", onlineAgents: 0 });
      expect(await presenceOf(0)(botRow, client(), 2)).toEqual({ status: "offline", onlineAgents: 0 });
      expect(inbox.calls()).toHaveLength(6);
    } finally {
      inbox.emulator.setAgentPresence(12, "online");
    }
  });

  it("counts only agents who can see the inbox's conversations: members of the inbox, and administrators", async () => {
    const fraud = store().teams.find((team) => team.id === 3);
    const members = store().inbox.memberIds;
    const presence = presenceOf(0);
    expect(await presence(botRow, client(), 3)).toEqual({ status: "online", onlineAgents: 1 }); // agent 14
    members.splice(members.indexOf(14), 1); // 14 leaves the inbox, still in the team and online
    try {
      expect(await presence(botRow, client(), 3)).toEqual({ status: "offline", onlineAgents: 0 });
      // A bot without an inbox id cannot tell, and counts the whole team.
      expect(await presence({ ...botRow, omnichatInboxId: null }, client(), 3)).toEqual({ status: "online", onlineAgents: 1 });
      fraud?.memberIds.push(1); // the administrator joins the team: administrators see every inbox
      inbox.emulator.setAgentPresence(1, "online");
      expect(await presence(botRow, client(), 3)).toEqual({ status: "online", onlineAgents: 1 });
    } finally {
      members.push(14);
      fraud?.memberIds.splice(fraud.memberIds.indexOf(1), 1);
      inbox.emulator.setAgentPresence(1, "offline");
    }
  });

  it("says busy when the only reachable agents are busy", async () => {
    inbox.emulator.setAgentPresence(12, "busy");
    try {
      expect(await presenceOf(0)(botRow, client(), 2)).toEqual({ status: "busy", onlineAgents: 0 });
    } finally {
      inbox.emulator.setAgentPresence(12, "online");
    }
  });

  it("is unknown without an admin token, and when the inbox fails", async () => {
    const presence = presenceOf();
    expect(await presence(botRow, client({ adminToken: null }), 2)).toEqual({ status: "unknown", onlineAgents: 0 });
    expect(inbox.calls()).toEqual([]);
    inbox.emulator.failNextApiCalls("team_members", 503, 503, 503);
    expect(await presence(botRow, client(), 4)).toEqual({ status: "unknown", onlineAgents: 0 });
    expect(
      inbox
        .calls()
        .filter((c) => c.call.includes("team_members"))
        .map((c) => c.status),
    ).toEqual([503, 503, 503]);
  });
});

describe("inbox working hours", () => {
  it("converts Chatwoot working hours (Sunday = 0) to office hours", () => {
    const hours = officeHoursFromInbox({
      timezone: "Asia/Jakarta",
      working_hours_enabled: true,
      working_hours: [
        { day_of_week: 0, closed_all_day: true, open_all_day: false, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null },
        { day_of_week: 1, closed_all_day: false, open_all_day: false, open_hour: 8, open_minutes: 30, close_hour: 17, close_minutes: 0 },
        { day_of_week: 6, closed_all_day: false, open_all_day: true, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59 },
      ],
    });
    expect(hours).toEqual({
      timezone: "Asia/Jakarta",
      weekly: [
        { day: 1, open: "08:30", close: "17:00" },
        { day: 6, open: "00:00", close: "24:00" },
      ],
      holidays: [],
    });
  });

  it("uses Chatwoot's default zone (UTC) when the inbox names none, and a row that never opens is a closed day", () => {
    const hours = officeHoursFromInbox({
      working_hours_enabled: true,
      working_hours: [{ day_of_week: 2, closed_all_day: false, open_all_day: false, open_hour: 17, open_minutes: 0, close_hour: 9, close_minutes: 0 }],
    });
    expect(hours).toEqual({ timezone: "UTC", weekly: [], holidays: [] });
  });
});
