import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fixedClock } from "../../src/time/clock.js";
import { type EmulatorOptions, startChatwootEmulator } from "../../emulator/chatwoot/index.js";

export type Received = { headers: IncomingHttpHeaders; raw: string; body: any; at: number };

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
      received.push({ headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() });
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
    events: () => received.map((r) => r.body.event as string),
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
    of: (event: string) => sink.received.filter((r) => r.body.event === event).map((r) => r.body),
    close: async () => {
      await emulator.close();
      await sink.close();
    },
  };
}

/** A REST call to the emulator with a token. */
export async function api(baseUrl: string, method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.api_access_token = token;
  const res = await fetch(`${baseUrl}/api/v1/accounts/1${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}
