import { HttpResponse, http } from "msw";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { InboxApiError } from "../../src/omnichat/inbox-api-error.js";
import { InboxClient } from "../../src/omnichat/inbox-client.js";
import { createTeamPresence } from "../../src/services/inbox/presence.js";
import { officeHoursFromInbox } from "../../src/services/inbox/working-hours.js";
import { fixedClock } from "../../src/time/clock.js";
import { createOmnichatMock } from "../msw/omnichat.js";
import { useMswServer } from "../msw/server.js";

const inbox = createOmnichatMock();
const server = useMswServer(...inbox.handlers);
const credentials = { baseUrl: "https://omnichat.test", accountId: 1, botToken: "bot-tok", adminToken: "admin-tok" };
const client = () => new InboxClient(credentials, { timeoutMs: 200, retries: 2, backoffLimitMs: 10 });
const botRow = { id: "bot_presence" } as Parameters<ReturnType<typeof createTeamPresence>>[0];

describe("InboxClient", () => {
  it("retries 429 (honouring Retry-After) and 503, then succeeds once", async () => {
    inbox.reset();
    inbox.failNext("messages", "429", "503");
    const sent = await client().sendMessage(42, { content: "halo" });
    expect(sent.id).toBeGreaterThan(0);
    expect(inbox.calls.filter((c) => c.path.endsWith("/messages"))).toHaveLength(1);
  });

  it("does not retry a 500 inside the call (it may have been carried out)", async () => {
    inbox.reset();
    inbox.failNext("messages", "500");
    await expect(client().sendMessage(42, { content: "halo" })).rejects.toMatchObject({ details: { status: 500, retryable: true } });
  });

  it("reports a timeout as an unknown outcome", async () => {
    inbox.setHangMs(400);
    inbox.failNext("messages", "hang");
    const error = await client().sendMessage(42, { content: "halo" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InboxApiError);
    expect((error as InboxApiError).details).toMatchObject({ retryable: true, outcomeUnknown: true });
  });

  it("sends the bot token for messages and the admin token for presence, never in the URL", async () => {
    inbox.reset();
    await client().sendMessage(42, { content: "x" });
    await client().listTeamMembers(2);
    expect(inbox.calls.map((c) => c.token)).toEqual(["bot-tok", "admin-tok"]);
    expect(inbox.calls.every((c) => !c.path.includes("tok"))).toBe(true);
  });

  it("checks toggle_status's current_status", async () => {
    server.use(http.post("https://omnichat.test/api/v1/accounts/1/conversations/:id/toggle_status", () =>
      HttpResponse.json({ meta: {}, payload: { success: false, conversation_id: 42, current_status: "pending", snoozed_until: null } }),
    ));
    await expect(client().toggleStatus(42, "open")).rejects.toThrow(/inbox says pending/);
  });

  it("turns an unexpected answer shape into a typed, non-retryable error", async () => {
    server.use(http.post("https://omnichat.test/api/v1/accounts/1/conversations/:id/messages", () => HttpResponse.text("<html>oops</html>", { status: 200 })));
    await expect(client().sendMessage(42, { content: "x" })).rejects.toMatchObject({ details: { retryable: false } });
  });
});

describe("team presence", () => {
  it("is online when a member is online, offline when none is, and cached for its TTL", async () => {
    inbox.reset();
    const clock = fixedClock("2026-01-15T02:30:00Z");
    const presence = createTeamPresence({ clock, logger: pino({ level: "silent" }), ttlMs: 30_000 });
    expect(await presence(botRow, client(), 2)).toEqual({ status: "online", onlineAgents: 1 });
    inbox.agents[0]!.availability_status = "offline";
    expect(await presence(botRow, client(), 2)).toEqual({ status: "online", onlineAgents: 1 });
    expect(inbox.calls.filter((c) => c.path.includes("team_members"))).toHaveLength(1);
    clock.advance(30_001);
    expect(await presence(botRow, client(), 2)).toEqual({ status: "offline", onlineAgents: 0 });
    inbox.agents[0]!.availability_status = "online";
  });

  it("is unknown without an admin token, and when the inbox fails", async () => {
    const clock = fixedClock("2026-01-15T02:30:00Z");
    const presence = createTeamPresence({ clock, logger: pino({ level: "silent" }) });
    const noAdmin = new InboxClient({ ...credentials, adminToken: null });
    expect(await presence(botRow, noAdmin, 2)).toEqual({ status: "unknown", onlineAgents: 0 });
    server.use(http.get("https://omnichat.test/api/v1/accounts/1/teams/:id/team_members", () => HttpResponse.json({ error: "x" }, { status: 401 })));
    expect(await presence(botRow, client(), 9)).toEqual({ status: "unknown", onlineAgents: 0 });
  });
});

describe("inbox working hours", () => {
  it("converts Chatwoot working hours (Sunday = 0) to office hours", () => {
    const hours = officeHoursFromInbox(
      {
        timezone: "Asia/Jakarta",
        working_hours: [
          { day_of_week: 0, closed_all_day: true, open_all_day: false, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null },
          { day_of_week: 1, closed_all_day: false, open_all_day: false, open_hour: 8, open_minutes: 30, close_hour: 17, close_minutes: 0 },
          { day_of_week: 6, closed_all_day: false, open_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null },
        ],
      },
      "UTC",
    );
    expect(hours).toEqual({
      timezone: "Asia/Jakarta",
      weekly: [
        { day: 1, open: "08:30", close: "17:00" },
        { day: 6, open: "00:00", close: "24:00" },
      ],
      holidays: [],
    });
  });
});
