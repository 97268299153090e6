import { z } from "zod";
import { type ChatwootEmulator, type EmulatorOptions, startChatwootEmulator } from "../../emulator/chatwoot/index.js";
import type { Clock } from "../../src/time/clock.js";
import type { E2eApp } from "./e2e.js";

/**
 * Inbox client options for an app talking to the emulator (`createTestApp({ inbox })`): a real
 * HTTP round trip on a loaded test machine can take longer than the default test timeout.
 */
export const emulatorClientOptions = { timeoutMs: 1500, retries: 1, backoffLimitMs: 20 };

/**
 * One inbox API call as the emulator recorded it: "METHOD /path" after `/api/v1/accounts/{id}`, and
 * the Rails params it read from the call (null when it read none: a fault, a body that is not JSON).
 */
export type RecordedCall = { call: string; caller: string; status: number; body: Record<string, unknown> | null };
const railsParams = z.record(z.string(), z.unknown()).nullable();

/**
 * A Chatwoot inbox for integration tests: the emulator (emulator/chatwoot) on a real port and on
 * the app's clock. Switchboard's inbox calls go to it and it answers as Chatwoot does; tests read
 * what it recorded: the API calls, the customer's transcript, the conversation's state.
 */
export async function startInbox(clock: Clock, options: EmulatorOptions = {}) {
  const emulator = await startChatwootEmulator({
    clock,
    hangMs: 5000,
    ...options,
    // A bot inbox has no use for Chatwoot's email-collect template (the emulator tests it on its own).
    world: { enableEmailCollect: false, ...options.world },
    delivery: { retryWaitMs: 10, ...options.delivery },
  });
  const prefix = `/api/v1/accounts/${String(emulator.accountId)}`;
  let contacts = 0;
  let closing: Promise<void> | undefined;
  const calls = (): RecordedCall[] =>
    emulator.apiCalls.map((c) => ({ call: `${c.method} ${c.path.slice(prefix.length)}`, caller: c.caller, status: c.status, body: railsParams.parse(c.body) }));

  return {
    emulator,
    /** The inbox credentials of a bot connected to this inbox (`omnichat` of POST /v1/bots). */
    credentials: (overrides: Record<string, unknown> = {}) => ({
      baseUrl: emulator.baseUrl,
      accountId: emulator.accountId,
      inboxId: emulator.inboxId,
      botToken: emulator.botToken,
      adminToken: emulator.adminToken,
      ...overrides,
    }),
    /** Who a call came from in `calls()`: the agent bot's token or the administrator's. */
    callers: { bot: `bot:${String(emulator.botId)}`, admin: "user:1" },
    calls,
    /** The calls about one conversation, as "METHOD last-path-segment" plus the body. */
    callsFor: (conversationId: number) =>
      calls()
        .filter((c) => c.call.includes(`/conversations/${String(conversationId)}/`) || c.call.endsWith(`/conversations/${String(conversationId)}`))
        .map((c) => ({ ...c, call: `${c.call.split(" ")[0] ?? ""} ${c.call.split("/").pop() ?? ""}` })),
    /** Forgets the recorded calls. */
    reset: () => {
      emulator.apiCalls.length = 0;
    },
    /** A new customer writes a first message; returns the conversation's display id. */
    newConversation: (text = "halo"): number => emulator.customerSays(text, { contact: `contact-${String(++contacts)}` }).conversationId,
    /**
     * Points the inbox's agent bot at a Switchboard bot served by `app` (its webhook URL or path),
     * and lets `app.settle` wait for the inbox's deliveries; `app.close` closes the inbox.
     */
    deliverTo(app: E2eApp, webhook: string, secret?: string | null): void {
      emulator.setBotWebhook(`${app.url}${new URL(webhook, app.url).pathname}`, secret);
      app.emulators.add({ ...emulator, close: () => (closing ??= emulator.close()) });
    },
    /** Closes the inbox once (an app it delivers to closes it too). */
    close: () => (closing ??= emulator.close()),
  };
}

export type TestInbox = Awaited<ReturnType<typeof startInbox>>;

const messageType = z.object({ message_type: z.unknown() });

/** A filter for `deliveries.hold`: the inbox's deliveries of what customers write. */
export const isCustomerMessage = (job: { event: string; body: string }): boolean =>
  job.event === "message_created" && messageType.parse(JSON.parse(job.body)).message_type === "incoming";

export type { ChatwootEmulator };
