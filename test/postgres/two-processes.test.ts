import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatwootEmulator, startChatwootEmulator } from "../../emulator/chatwoot/index.js";
import { createServiceBot, freePort, startService, stopService } from "../harness/child-service.js";
import { isCustomerMessage } from "../harness/emulator-inbox.js";

// Two Switchboard processes on one Postgres, against the Chatwoot emulator: any instance takes any
// job, per-conversation order holds. The customers' deliveries are taken from the emulator and
// posted to both instances in turn (a load balancer); sends and their echoes go as with Chatwoot.
const url = process.env.TEST_DATABASE_URL ?? "";
const name = `sb_two_procs_${String(process.pid)}`;
const admin = postgres(url, { max: 1, onnotice: () => undefined });
const target = new URL(url);
target.pathname = `/${name}`;
const adminToken = "two-process-admin-token-1234";

let inbox: ChatwootEmulator;
beforeAll(async () => {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  inbox = await startChatwootEmulator({ profile: "current" });
});
afterAll(async () => {
  await inbox.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe("two processes on one Postgres", () => {
  it("processes each turn once, in order per conversation, with both instances working", async () => {
    const env = (port: string) => ({ PORT: port, DATABASE_URL: target.toString(), ADMIN_TOKEN: adminToken, PUBLIC_URL: `http://127.0.0.1:${port}` });
    const [portA, portB] = [String(await freePort()), String(await freePort())];
    // Started together: migrations run once under the advisory lock.
    const [a, b] = await Promise.all([startService(env(portA)), startService(env(portB))]);
    try {
      const omnichat = { baseUrl: inbox.baseUrl, accountId: inbox.accountId, inboxId: inbox.inboxId, botToken: inbox.botToken, adminToken: inbox.adminToken };
      const created = await createServiceBot(a.url, adminToken, omnichat);
      inbox.setBotWebhook(created.webhookUrl);
      const path = new URL(created.webhookUrl).pathname;
      const customers = 10;
      const perCustomer = 6;
      const contact = (c: number) => `customer-${String(c)}`;

      inbox.deliveries.hold(isCustomerMessage);
      for (let c = 0; c < customers; c++) for (let m = 0; m < perCustomer; m++) inbox.customerSays(`urutan ${String(m)}`, { contact: contact(c) });
      const ids = Array.from({ length: customers }, (_, c) => inbox.conversation({ contact: contact(c) }).displayId);
      await Promise.all(
        ids.map(async (id, c) => {
          const jobs = inbox.deliveries.held().filter((job) => job.conversationId === id);
          for (const [m, job] of jobs.entries()) {
            const target = (c + m) % 2 === 0 ? a.url : b.url;
            const res = await fetch(`${target}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job.payload) });
            expect(res.status).toBe(200);
          }
        }),
      );

      const botReplies = () => Array.from({ length: customers }, (_, c) => inbox.transcript({ contact: contact(c) }).filter((m) => m.from === "bot").length);
      const deadline = Date.now() + 30_000;
      while (botReplies().some((n) => n < perCustomer) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      expect(botReplies()).toEqual(Array<number>(customers).fill(perCustomer));

      const db = postgres(target.toString(), { max: 1, onnotice: () => undefined });
      try {
        const workers = await db<{ locked_by: string }[]>`select distinct locked_by from jobs where locked_by is not null`;
        expect(workers.length).toBe(2);
        for (const id of ids) {
          const decisions = await db<{ text: string }[]>`select text from decisions where conversation_id = ${id} order by seq`;
          expect(decisions.map((d) => d.text)).toEqual(Array.from({ length: perCustomer }, (_, m) => `urutan ${String(m)}`));
        }
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all([stopService(a.child), stopService(b.child)]);
    }
  }, 120_000);
});
