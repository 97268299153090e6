import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { incomingText } from "../fixtures/omnichat/index.js";
import { freePort, startService, stopService } from "../harness/child-service.js";
import { startFakeInbox } from "../harness/fake-inbox-server.js";

// Two Switchboard processes on one Postgres: any instance takes any job, per-conversation order holds.
const url = process.env.TEST_DATABASE_URL ?? "";
const name = `sb_two_procs_${String(process.pid)}`;
const admin = postgres(url, { max: 1, onnotice: () => undefined });
const target = new URL(url);
target.pathname = `/${name}`;
const adminToken = "two-process-admin-token-1234";

let inbox: Awaited<ReturnType<typeof startFakeInbox>>;
beforeAll(async () => {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  inbox = await startFakeInbox();
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
      const created = (await (
        await fetch(`${a.url}/v1/bots`, {
          method: "POST",
          headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
          body: JSON.stringify(botBody({ signingSecret: undefined, omnichat: { baseUrl: inbox.baseUrl, accountId: 1, botToken: "bot-token-2p", adminToken: "admin-token-2p" } })),
        })
      ).json()) as { id: string; webhookUrl: string };
      const path = new URL(created.webhookUrl).pathname;
      const conversations = 10;
      const perConversation = 6;

      await Promise.all(
        Array.from({ length: conversations }, async (_, c) => {
          for (let m = 0; m < perConversation; m++) {
            const target = (c + m) % 2 === 0 ? a.url : b.url;
            const body = incomingText({ conversationId: 900 + c, messageId: 90_000 + c * 100 + m, text: `urutan ${String(m)}` });
            const res = await fetch(`${target}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
            expect(res.status).toBe(200);
          }
        }),
      );

      const expected = conversations * perConversation;
      const deadline = Date.now() + 30_000;
      while (inbox.messages.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      expect(inbox.messages).toHaveLength(expected);

      const db = postgres(target.toString(), { max: 1, onnotice: () => undefined });
      try {
        const workers = await db<{ locked_by: string }[]>`select distinct locked_by from jobs where locked_by is not null`;
        expect(workers.length).toBe(2);
        for (let c = 0; c < conversations; c++) {
          const decisions = await db<{ text: string }[]>`select text from decisions where conversation_id = ${900 + c} order by seq`;
          expect(decisions.map((d) => d.text)).toEqual(Array.from({ length: perConversation }, (_, m) => `urutan ${String(m)}`));
        }
        const perConv = new Map<number, number>();
        for (const m of inbox.messages) perConv.set(m.conversationId, (perConv.get(m.conversationId) ?? 0) + 1);
        expect([...perConv.values()]).toEqual(Array<number>(conversations).fill(perConversation));
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all([stopService(a.child), stopService(b.child)]);
    }
  }, 120_000);
});
