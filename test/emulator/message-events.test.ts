import { afterEach, describe, expect, it } from "vitest";
import { api, emulatorWithSink } from "./webhook-sink.js";

// Which messages reach the bot, and what each delivery says about the conversation.
type T = Awaited<ReturnType<typeof emulatorWithSink>>;
let t: T;
afterEach(async () => {
  await t.close();
});

describe("message_created", () => {
  it("is sent for every stored message except activity: incoming, the bot's own, an agent's, a private note, a template", async () => {
    t = await emulatorWithSink({ world: { greeting: "Selamat datang di Bank ABC" } });
    const { emulator: e } = t;
    e.customerSays("halo");
    const sent = await api(e.baseUrl, "POST", "/conversations/1/messages", e.botToken, { content: "Halo dari bot" });
    expect(sent.status).toBe(200);
    e.agentReplies("Halo dari agen");
    e.agentNote("catatan internal");
    e.agentResolves(); // posts an activity message
    await e.idle();
    const created = t.of("message_created").map((b) => [b.message_type, b.private, b.sender?.type ?? null, b.content]);
    expect(created).toEqual([
      ["incoming", false, null, "halo"],
      ["template", false, null, "Selamat datang di Bank ABC"],
      ["outgoing", false, "agent_bot", "Halo dari bot"],
      ["outgoing", false, "user", "Halo dari agen"],
      ["outgoing", true, "user", "catatan internal"],
    ]);
    expect(e.store.messages.some((m) => m.messageType === "activity")).toBe(true);
  });

  it("carries the conversation as it was when the message was created, though delivered after later changes", async () => {
    t = await emulatorWithSink();
    const { emulator: e } = t;
    e.deliveries.hold();
    const { messageId } = e.customerSays("tolong");
    const toggled = await api(e.baseUrl, "POST", "/conversations/1/toggle_status", e.botToken, { status: "open" });
    expect((toggled.body as { payload: { current_status: string } }).payload.current_status).toBe("open");
    const held = e.deliveries.held();
    // Release the later events first, then the customer's message.
    await e.deliveries.release([...held.slice(1).map((d) => d.id), held[0]!.id]);
    await e.idle();
    const last = t.sink.received.at(-1)!.body;
    expect(last).toMatchObject({ event: "message_created", id: messageId, conversation: { status: "pending" } });
    const opened = t.of("conversation_opened")[0]!;
    expect(opened.status).toBe("open");
    expect(last.conversation!.updated_at).toBeLessThan(opened.updated_at);
    expect(last.conversation!.messages[0]).toMatchObject({ id: messageId, message_type: 0, content: "tolong", sender: { type: "contact" } });
  });

  it("escapes <, > and & the way Rails writes JSON, and sends the contact without a type", async () => {
    t = await emulatorWithSink();
    t.emulator.customerSays("saldo <b>Rp 5.000 & 10.000</b>");
    await t.emulator.idle();
    const raw = t.sink.received[0]!.raw;
    expect(raw).toContain(String.raw`saldo \u003cb\u003eRp 5.000 \u0026 10.000\u003c/b\u003e`);
    const body = t.sink.received[0]!.body;
    expect(Object.keys(body)).toEqual([
      "account",
      "additional_attributes",
      "content_attributes",
      "content_type",
      "content",
      "conversation",
      "created_at",
      "id",
      "inbox",
      "message_type",
      "private",
      "sender",
      "source_id",
      "event",
    ]);
    expect(body.sender).not.toHaveProperty("type");
    expect(body.created_at).toBe("2026-01-15T02:30:00.000Z");
    expect(typeof body.conversation!.updated_at).toBe("number");
  });
});

describe("message_updated", () => {
  it("carries submitted_values when the widget answers a quick reply, and every value of a form", async () => {
    t = await emulatorWithSink({ world: { channel: "Channel::WebWidget" } });
    const { emulator: e } = t;
    e.customerSays("halo");
    const select = await api(e.baseUrl, "POST", "/conversations/1/messages", e.botToken, {
      content: "Pilih topik",
      content_type: "input_select",
      content_attributes: {
        items: [
          { title: "Kartu kredit", value: "kartu" },
          { title: "Rekening", value: "rekening" },
        ],
      },
    });
    const form = await api(e.baseUrl, "POST", "/conversations/1/messages", e.botToken, {
      content: "Isi data",
      content_type: "form",
      content_attributes: {
        items: [
          { name: "nama", label: "Nama", type: "text" },
          { name: "email", label: "Email", type: "email" },
        ],
      },
    });
    e.widgetChooses((select.body as { id: number }).id, "Rekening");
    e.widgetSubmits((form.body as { id: number }).id, [
      { name: "nama", value: "Budi" },
      { name: "email", value: "budi@contoh.id" },
    ]);
    await e.idle();
    const updated = t.of("message_updated");
    expect(updated.map((u) => [u.id, u.message_type, u.sender?.type, u.content_attributes.submitted_values])).toEqual([
      [(select.body as { id: number }).id, "outgoing", "agent_bot", [{ title: "Rekening", value: "rekening" }]],
      [
        (form.body as { id: number }).id,
        "outgoing",
        "agent_bot",
        [
          { name: "nama", value: "Budi" },
          { name: "email", value: "budi@contoh.id" },
        ],
      ],
    ]);
    expect(t.of("message_created").some((b) => b.message_type === "incoming" && b.content === "Rekening")).toBe(false);
  });
});

describe("inbox templates", () => {
  it("posts the out-of-office message when working hours are enabled and the inbox is closed, once a day", async () => {
    // 02:30 UTC is 09:30 in Jakarta: open. Sunday is closed all day.
    t = await emulatorWithSink({ world: { workingHoursEnabled: true, outOfOffice: "Kami sedang tutup." } });
    const { emulator: e, clock } = t;
    e.customerSays("halo");
    clock.advance(3 * 24 * 3600_000); // Sunday 18 January
    e.customerSays("halo lagi", { contact: "minggu" });
    e.customerSays("masih tutup?", { contact: "minggu" });
    await e.idle();
    const templates = t.of("message_created").filter((b) => b.message_type === "template");
    expect(templates.map((b) => [b.conversation.id, b.content, b.sender])).toEqual([[2, "Kami sedang tutup.", null]]);
  });

  it("asks a web-widget visitor for an email (Chatwoot's default) with two template messages", async () => {
    t = await emulatorWithSink({ world: { channel: "Channel::WebWidget", enableEmailCollect: true } });
    t.emulator.customerSays("halo");
    await t.emulator.idle();
    expect(t.emulator.transcript().map((m) => [m.from, m.contentType, m.text])).toEqual([
      ["customer", "text", "halo"],
      ["inbox", "text", "Give the team a way to reach you."],
      ["inbox", "input_email", "Get notified by email"],
    ]);
  });
});

describe("webwidget_triggered", () => {
  it("sends the contact inbox, its current conversation and the widget's event_info when the visitor opens the widget", async () => {
    t = await emulatorWithSink({ world: { channel: "Channel::WebWidget" } });
    t.emulator.openWidget();
    t.emulator.customerSays("halo");
    t.emulator.openWidget();
    await t.emulator.idle();
    const triggered = t.of("webwidget_triggered");
    expect(triggered).toHaveLength(2);
    expect(triggered[0]).toMatchObject({ current_conversation: null, contact: { name: "Rina Wulandari" }, event_info: { browser_language: "id" } });
    expect(triggered[1]!.current_conversation).toMatchObject({ id: 1, status: "pending", channel: "Channel::WebWidget" });
  });
});
