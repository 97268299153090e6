import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { markdownToHtml } from "../../emulator/chatwoot/markdown-html.js";
import { normalizeWebhookContent } from "../../emulator/chatwoot/webhook-content.js";
import { bankWorkingHours } from "../../emulator/chatwoot/seed.js";
import { openAt } from "../../emulator/chatwoot/working-hours.js";
import { api, emulatorWithSink } from "./webhook-sink.js";

type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

describe("4.9–4.12", () => {
  it("sends a web-widget message's content rendered as HTML while conversation.messages[] keeps the raw text", async () => {
    t = await emulatorWithSink({ profile: "4.9-4.12", world: { channel: "Channel::WebWidget", enableEmailCollect: false } });
    t.emulator.customerSays("1");
    t.emulator.customerSays("saya **marah** & kecewa");
    await t.emulator.idle();
    const [one, angry] = t.of("message_created");
    expect(one!.content).toBe("<p>1</p>\n");
    expect(one!.conversation.messages[0]!.content).toBe("1");
    expect(angry!.content).toBe("<p>saya <strong>marah</strong> &amp; kecewa</p>\n");
  });

  it("has no status or update events, no signature and no delivery id, but retries 429/500 and opens on failure", async () => {
    t = await emulatorWithSink({ profile: "4.9-4.12" });
    t.sink.respond(500, 500, 500);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received.slice(0, 3).map((r) => r.body.event)).toEqual(["message_created", "message_created", "message_created"]);
    expect(t.sink.events().slice(3)).toEqual(["conversation_opened"]);
    expect(t.sink.received[0]!.headers).not.toHaveProperty("x-chatwoot-signature");
    expect(t.sink.received[0]!.headers).not.toHaveProperty("x-chatwoot-delivery");
    expect(t.sink.received[0]!.headers["user-agent"]).toMatch(/^rest-client/);
    expect(t.sink.received[0]!.body.content).toBe("halo");
    expect(t.sink.received[0]!.body.conversation).not.toHaveProperty("account");
  });
});

describe("current (4.13+)", () => {
  it("sends the raw text, with markdown hard breaks and trailing newlines normalised", async () => {
    t = await emulatorWithSink({ world: { channel: "Channel::WebWidget", enableEmailCollect: false } });
    t.emulator.customerSays("1");
    t.emulator.agentReplies("baris satu\\\nbaris dua\n\n");
    await t.emulator.idle();
    expect(t.of("message_created").map((b) => b.content)).toEqual(["1", "baris satu\nbaris dua"]);
  });
});

describe("legacy (v1.18)", () => {
  it("names the bot-owned status `bot` and sends the 2021 shapes", async () => {
    t = await emulatorWithSink({ profile: "legacy", world: { greeting: "Selamat datang" } });
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    const [created] = t.of("message_created");
    expect(Object.keys(created!)).toEqual([
      "id",
      "content",
      "created_at",
      "message_type",
      "content_type",
      "private",
      "content_attributes",
      "source_id",
      "sender",
      "inbox",
      "conversation",
      "account",
      "event",
    ]);
    expect(created!.sender).toEqual({ id: 101, name: "Rina Wulandari", avatar: "", type: "contact" });
    expect(created!.conversation.status).toBe("bot");
    expect(Object.keys(created!.conversation)).toEqual([
      "additional_attributes",
      "can_reply",
      "channel",
      "id",
      "inbox_id",
      "contact_inbox",
      "messages",
      "meta",
      "status",
      "unread_count",
      "agent_last_seen_at",
      "contact_last_seen_at",
      "timestamp",
    ]);
    expect(created!.conversation.meta.sender).toHaveProperty("pubsub_token");
    // Message#reportable?: the greeting template is not sent to the bot.
    expect(t.sink.events()).toEqual(["message_created"]);
    expect(t.emulator.transcript().map((m) => m.text)).toEqual(["halo", "Selamat datang"]);
  });

  it("sends conversation_opened/resolved but no conversation_status_changed, and reopens the contact's resolved conversation to humans", async () => {
    t = await emulatorWithSink({ profile: "legacy" });
    const e = t.emulator;
    e.customerSays("halo");
    await api(e.baseUrl, "POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    e.agentResolves();
    e.customerSays("halo lagi");
    await e.idle();
    expect(t.sink.events()).toEqual(["message_created", "conversation_opened", "conversation_resolved", "conversation_opened", "message_created"]);
    expect(e.conversation()).toMatchObject({ displayId: 1, status: "open", assigneeId: null });
  });

  it("neither retries nor signs, and a failed delivery leaves the conversation with the bot", async () => {
    t = await emulatorWithSink({ profile: "legacy" });
    t.sink.respond(500);
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.sink.received).toHaveLength(1);
    expect(t.sink.received[0]!.headers).not.toHaveProperty("x-chatwoot-timestamp");
    expect(t.emulator.agentBotErrors).toMatchObject([{ attempts: 1, openedConversation: false }]);
    expect(t.emulator.conversation().status).toBe("pending");
  });
});

describe("renderers and working hours", () => {
  it("renders markdown as cmark does: paragraphs, lists after a blank line, escaped text", () => {
    expect(markdownToHtml("Halo 😊\n\n Apakah?\n\n1. Ya\n2. Tidak\n\nketik <1>")).toBe(
      "<p>Halo 😊</p>\n<p>Apakah?</p>\n<ol>\n<li>Ya</li>\n<li>Tidak</li>\n</ol>\n<p>ketik &lt;1&gt;</p>\n",
    );
    expect(markdownToHtml("satu\ndua  \ntiga")).toBe("<p>satu\ndua<br />\ntiga</p>\n");
    expect(normalizeWebhookContent("a\\\r\nb\r\n\r\n")).toBe("a\nb");
  });

  it("is open from open to close inclusive, to the second, in the inbox's time zone", () => {
    const [, monday] = bankWorkingHours();
    const at = (hhmmss: string) => openAt(monday!, DateTime.fromISO(`2026-01-12T${hhmmss}`, { zone: "Asia/Jakarta" }));
    expect([at("07:59:59"), at("08:00:00"), at("17:00:00"), at("17:00:01")]).toEqual([false, true, true, false]);
  });
});
