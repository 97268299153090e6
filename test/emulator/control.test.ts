import { afterEach, describe, expect, it } from "vitest";
import { runLine } from "../../emulator/chatwoot/cli-commands.js";
import type { SeenMessage } from "../../emulator/chatwoot/control/inbox-views.js";
import { api, emulatorWithSink } from "./webhook-sink.js";

// Driving a conversation by hand: the HTTP control API and the CLI's commands.
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${t.emulator.baseUrl}/_control${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  return { status: res.status, body: json };
};

describe("HTTP control", () => {
  it("lets a person write as the customer, act as the agent, and read what the customer saw", async () => {
    t = await emulatorWithSink();
    expect((await control("GET", "")).body).toMatchObject({ profile: "current", accountId: 1, inboxId: 3, botToken: "emulator-bot-token" });
    expect((await control("POST", "/customer", { text: "halo" })).body).toEqual({ messageId: 9001, conversationId: 1 });
    await api(t.emulator.baseUrl, "POST", "/conversations/1/messages", t.emulator.botToken, { content: "Halo! Ada yang bisa dibantu?" });
    expect((await control("POST", "/agent/note", { text: "catatan" })).status).toBe(200);
    expect((await control("POST", "/agent/status", { status: "resolved" })).body).toMatchObject({ displayId: 1, status: "resolved" });
    await control("GET", "/idle");
    expect(((await control("GET", "/transcript")).body as SeenMessage[]).map((m) => [m.from, m.text])).toEqual([
      ["customer", "halo"],
      ["bot", "Halo! Ada yang bisa dibantu?"],
    ]);
    expect(((await control("GET", "/deliveries")).body as { event: string }[]).map((d) => d.event)).toContain("conversation_resolved");
    expect((await control("GET", "/errors")).body).toEqual([]);
  });

  it("answers 400 naming the field for a bad request", async () => {
    t = await emulatorWithSink();
    const res = await control("POST", "/agent/status", { status: "closed" });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(/^status: /);
    expect((await control("POST", "/agent/reply", { text: "hai" })).body).toEqual({ error: "the customer has no conversation yet" });
  });
});

describe("CLI lines", () => {
  it("sends plain lines as the customer and runs slash commands", async () => {
    t = await emulatorWithSink();
    const state = { contact: "customer" };
    expect(runLine(t.emulator, "halo", state)).toBeUndefined();
    expect(runLine(t.emulator, "/presence 12 busy", state)).toBe("agent 12 is busy");
    expect(JSON.parse(runLine(t.emulator, "/team 2", state) ?? "{}")).toMatchObject({ id: 2 });
    expect(runLine(t.emulator, "/as budi", state)).toBe('you are now the customer "budi"');
    runLine(t.emulator, "halo juga", state);
    expect(runLine(t.emulator, "/nope", state)).toBe("unknown command /nope; /help lists them");
    expect(t.emulator.conversation({ contact: "customer" })).toMatchObject({ teamId: 2, assigneeId: null });
    expect(t.emulator.transcript({ contact: "budi" }).map((m) => m.text)).toEqual(["halo juga"]);
  });
});
