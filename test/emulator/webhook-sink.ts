import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fixedClock } from "../../src/time/clock.js";
import { readResponse } from "../harness/read-response.js";
import { type EmulatorOptions, startChatwootEmulator } from "../../emulator/chatwoot/index.js";

/** The conversation a message event carries (Chatwoot's `Conversation#webhook_data`, as the emulator builds it). */
export type WebhookConversation = {
  id: number;
  status: string;
  updated_at: number;
  messages: { id: number; content: string | null; message_type: number; sender?: { type?: string } }[];
  meta: { sender: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
};

/** `message_created` / `message_updated` (Chatwoot's `Message#webhook_data`). */
export type MessageWebhook = {
  event: "message_created" | "message_updated";
  id: number;
  content: string | null;
  message_type: string;
  private: boolean;
  created_at: string;
  sender: { id: number; type?: string; name?: string } | null;
  content_attributes: { submitted_values?: unknown; [key: string]: unknown };
  conversation: WebhookConversation;
  [key: string]: unknown;
};

/** One entry of `changed_attributes`: `{ attribute: { previous_value, current_value } }`. */
export type ChangedAttribute = Record<string, { previous_value: unknown; current_value: unknown }>;

/** `conversation_*` events: the conversation itself, and what changed. */
export type ConversationWebhook = {
  event: string;
  id: number;
  status: string;
  updated_at: number;
  waiting_since?: number;
  changed_attributes: ChangedAttribute[] | null;
  meta: Record<string, unknown>;
  [key: string]: unknown;
};

/** `webwidget_triggered`: the contact inbox and its current conversation. */
export type WidgetTriggeredWebhook = { event: "webwidget_triggered"; current_conversation: Record<string, unknown> | null; [key: string]: unknown };

/** Any delivery, before its event is known. */
export type WebhookBody = { event: string; content?: string | null; conversation?: WebhookConversation; [key: string]: unknown };

export type Received = { headers: IncomingHttpHeaders; raw: string; body: WebhookBody; at: number };

/**
 * A bot endpoint for the emulator's own tests: records every delivery as it arrived (raw bytes
 * and headers) and answers with the scripted statuses (200 once they run out), optionally slowly.
 */
export async function startWebhookSink() {
  const received: Received[] = [];
  const script: (number | { delayMs: number; status: number })[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as WebhookBody, at: Date.now() });
      const next = script.shift() ?? 200;
      const { status, delayMs } = typeof next === "number" ? { status: next, delayMs: 0 } : next;
      setTimeout(() => res.writeHead(status, { "content-type": "application/json" }).end("{}"), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/webhook`,
    received,
    /** The next answers, in order: a status, or a status after a delay. */
    respond: (...answers: (number | { delayMs: number; status: number })[]) => script.push(...answers),
    events: () => received.map((r) => r.body.event),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

export const testNow = "2026-01-15T02:30:00.000Z";

/** An emulator on a fixed clock, delivering to a fresh sink; fast retries so tests stay quick. */
type EventBodies = {
  message_created: MessageWebhook;
  message_updated: MessageWebhook;
  webwidget_triggered: WidgetTriggeredWebhook;
};
/** The body type of an event name: a message, the widget's trigger, else a conversation event. */
export type BodyOf<E extends string> = E extends keyof EventBodies ? EventBodies[E] : ConversationWebhook;

export async function emulatorWithSink(options: EmulatorOptions = {}) {
  const sink = await startWebhookSink();
  const clock = fixedClock(testNow);
  const emulator = await startChatwootEmulator({
    clock,
    webhookUrl: sink.url,
    ...options,
    delivery: { retryWaitMs: 5, timeoutMs: 500, ...options.delivery },
  });
  return {
    emulator,
    sink,
    clock,
    /** Deliveries of one event name, as received. */
    of: <E extends string>(event: E) => sink.received.filter((r) => r.body.event === event).map((r) => r.body as BodyOf<E>),
    close: async () => {
      await emulator.close();
      await sink.close();
    },
  };
}

/** A REST call to the emulator with a token; the caller states the shape it expects back (Chatwoot's). */
export async function api(baseUrl: string, method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.api_access_token = token;
  return readResponse(await fetch(`${baseUrl}/api/v1/accounts/1${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) }));
}
