import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { z } from "zod";
import { inArray } from "drizzle-orm";
import { jobs } from "../../src/db/schema/jobs.js";
import {
  type ChatwootEmulator,
  type EmulatorOptions,
  type ProfileName,
  type SeenMessage,
  type WorldOptions,
  startChatwootEmulator,
} from "../../emulator/chatwoot/index.js";
import { importBotRoute } from "../../src/http/routes/bots/import-bot.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import type { Embedder } from "../../src/llm/embeddings-port.js";
import { readExampleBot } from "../fixtures/flows.js";
import { bodyOf } from "./contract.js";
import { createTestApp, type TestApp, type TestLlm } from "./test-app.js";

export type ShippedBot = "bank-abc-simple" | "bank-abc-instagram";

/**
 * The real Switchboard app (test-app.ts) on a real HTTP port, for end-to-end tests with the
 * Chatwoot emulator: Chatwoot inboxes connect to it with `connectInbox`, and `settle` runs the
 * emulators' deliveries and Switchboard's queue in turn until both are quiet.
 */
export async function createE2eApp(options: { inboxTimeoutMs?: number; llm?: TestLlm; embedder?: Embedder } = {}) {
  const t = await createTestApp({
    inbox: { timeoutMs: options.inboxTimeoutMs ?? 1500, retries: 1, backoffLimitMs: 20 },
    ...(options.llm && { llm: options.llm }),
    ...(options.embedder && { embedder: options.embedder }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
      resolve(s);
    });
  });
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const emulators = new Set<ChatwootEmulator>();
  const idle = () => Promise.all([...emulators].map((e) => e.idle()));

  async function settle(maxRounds = 60): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await idle();
      const ran = await t.worker.runUntilIdle();
      await idle();
      if (ran > 0) continue;
      const open = await t.db
        .select({ runAt: jobs.runAt })
        .from(jobs)
        .where(inArray(jobs.status, ["pending", "running"]));
      if (open.length === 0) return;
      // Only future jobs (retries, echo waits) remain: jump the shared clock to the earliest.
      const nowMs = t.clock.now().toMillis();
      const future = open.map((j) => j.runAt.getTime()).filter((ms) => ms > nowMs);
      if (future.length > 0) t.clock.advance(Math.min(...future) - nowMs + 1);
    }
    throw new Error(
      `Switchboard and the emulator did not settle: ${JSON.stringify(
        await t.db
          .select()
          .from(jobs)
          .where(inArray(jobs.status, ["pending", "running"])),
      )}`,
    );
  }

  return {
    t,
    url,
    emulators,
    settle,
    async close(): Promise<void> {
      await Promise.all([...emulators].map((e) => e.close()));
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await t.close();
    },
  };
}

export type E2eApp = Awaited<ReturnType<typeof createE2eApp>>;

export type InboxOptions = {
  bot: ShippedBot;
  profile: ProfileName;
  world?: WorldOptions;
  behaviour?: EmulatorOptions["behaviour"];
  delivery?: EmulatorOptions["delivery"];
  /** Give Switchboard the inbox administrator's token too (default); false: the bot token alone. */
  adminToken?: boolean;
};

/**
 * People take a moment between two actions; without it every step of a scenario would happen in
 * the same second on the fixed clock, which 2021 inboxes (whole-second timestamps) cannot order.
 */
const humanPauseMs = 3000;

/** A Chatwoot inbox (the emulator, on Switchboard's clock) with a shipped Bank ABC bot imported for it. */
export async function connectInbox(app: E2eApp, options: InboxOptions) {
  const emulator = await startChatwootEmulator({
    clock: app.t.clock,
    profile: options.profile,
    // A bot inbox has no use for Chatwoot's email-collect template; it is tested on its own.
    world: { enableEmailCollect: false, ...options.world },
    behaviour: options.behaviour,
    delivery: { retryWaitMs: 10, ...options.delivery },
    hangMs: 5000,
  });
  app.emulators.add(emulator);
  const botId = await importShippedBot(app.t, emulator, options.bot, app.url, options.adminToken ?? true);
  const seen = new Map<string, number>();

  /** What the customer was shown since the last call (bot, agent and inbox messages). */
  function newlySeen(contact = "customer"): SeenMessage[] {
    const all = emulator.transcript({ contact });
    const fresh = all.slice(seen.get(contact) ?? 0).filter((m) => m.from !== "customer");
    seen.set(contact, all.length);
    return fresh;
  }

  return {
    emulator,
    botId,
    newlySeen,
    /** The customer writes; everything settles; returns the texts they were shown in reply. */
    async customer(contact: string, text: string): Promise<string[]> {
      newlySeen(contact);
      app.t.clock.advance(humanPauseMs);
      emulator.customerSays(text, { contact });
      await app.settle();
      return newlySeen(contact).map((m) => m.text);
    },
    /** An inbox action (an agent, the widget), then settle; returns what the customer was shown after it. */
    async after(contact: string, action: () => unknown): Promise<string[]> {
      newlySeen(contact);
      app.t.clock.advance(humanPauseMs);
      await action();
      await app.settle();
      return newlySeen(contact).map((m) => m.text);
    },
    /** Switchboard's view of a conversation (owner, decisions). */
    async switchboard(conversationId: number) {
      return bodyOf(await app.t.request("GET", `/v1/bots/${botId}/conversations/${String(conversationId)}`), getConversationRoute, 200);
    },
  };
}

export type E2eInbox = Awaited<ReturnType<typeof connectInbox>>;

/** Imports examples/bots/<bot>.json with the emulator's credentials and points the inbox bot at its webhook. */
async function importShippedBot(t: TestApp, emulator: ChatwootEmulator, bot: ShippedBot, switchboardUrl: string, withAdmin: boolean): Promise<string> {
  const doc = {
    ...z.record(z.string(), z.unknown()).parse(readExampleBot(`${bot}.json`)),
    omnichat: {
      baseUrl: emulator.baseUrl,
      accountId: emulator.accountId,
      inboxId: emulator.inboxId,
      botToken: emulator.botToken,
      ...(withAdmin && { adminToken: emulator.adminToken }),
    },
    ...(emulator.botSecret ? { signingSecret: emulator.botSecret } : {}),
  };
  const created = bodyOf(await t.request("POST", "/v1/bots/import", { body: doc }), importBotRoute, 201);
  emulator.setBotWebhook(`${switchboardUrl}${new URL(created.webhookUrl).pathname}`);
  return created.id;
}
