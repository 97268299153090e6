import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botBody } from "../fixtures/bots.js";
import { incomingText } from "../fixtures/omnichat/index.js";
import { freePort, startService, stopService } from "../harness/child-service.js";
import { startFakeInbox } from "../harness/fake-inbox-server.js";

// A real child process on a real data directory, killed with SIGKILL mid-burst and restarted.
const adminToken = "crash-test-admin-token-123456";
const conversations = 12;
const perConversation = 4;
let dataDir: string;
let inbox: Awaited<ReturnType<typeof startFakeInbox>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-crash-"));
  inbox = await startFakeInbox();
});
afterAll(async () => {
  await inbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("crash safety", () => {
  it("processes every acknowledged turn exactly once across a SIGKILL and restart", async () => {
    const port = String(await freePort());
    const env = { PORT: port, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PUBLIC_URL: `http://127.0.0.1:${port}` };
    let service = await startService(env);
    const created = (await (
      await fetch(`${service.url}/v1/bots`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify(botBody({ signingSecret: undefined, omnichat: { baseUrl: inbox.baseUrl, accountId: 1, botToken: "bot-token-crash", adminToken: "admin-token-crash" } })),
      })
    ).json()) as { id: string; webhookUrl: string };
    inbox.setWebhookUrl(created.webhookUrl);

    const all = Array.from({ length: conversations }, (_, c) =>
      Array.from({ length: perConversation }, (_, m) => incomingText({ conversationId: 500 + c, messageId: 70_000 + c * 100 + m, text: `pesan ${String(m)}` })),
    );
    const acked = new Set<number>();
    const post = (body: Record<string, any>) =>
      fetch(created.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
        (r) => {
          if (r.ok) acked.add(body.id as number);
        },
        () => undefined,
      );

    // Burst: conversations in parallel, each conversation's messages in order; kill mid-way.
    let killed = false;
    const burst = Promise.all(
      all.map(async (messages) => {
        for (const body of messages) {
          if (killed) return;
          await post(body);
        }
      }),
    );
    await waitFor(() => acked.size >= (conversations * perConversation) / 2, 20_000);
    service.child.kill("SIGKILL");
    killed = true;
    await burst;
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThan(0);
    expect(ackedBeforeCrash).toBeLessThan(conversations * perConversation);

    // Restart on the same data; the inbox redelivers everything it has not seen acknowledged,
    // and (as inboxes do) repeats a few it has.
    service = await startService(env);
    try {
      for (const messages of all) {
        for (const body of messages) {
          if (!acked.has(body.id as number) || (body.id as number) % 3 === 0) await post(body);
        }
      }
      expect(acked.size).toBe(conversations * perConversation);
      const expected = conversations * perConversation;
      await waitFor(() => inbox.messages.length >= expected, 30_000);
      await new Promise((r) => setTimeout(r, 1500)); // anything extra would show up now

      const perConv = new Map<number, number>();
      for (const m of inbox.messages) perConv.set(m.conversationId, (perConv.get(m.conversationId) ?? 0) + 1);
      expect([...perConv.values()]).toEqual(Array<number>(conversations).fill(perConversation));
      expect(inbox.messages).toHaveLength(expected);

      for (let c = 0; c < conversations; c++) {
        const state = (await (
          await fetch(`${service.url}/v1/bots/${created.id}/conversations/${String(500 + c)}`, { headers: { authorization: `Bearer ${adminToken}` } })
        ).json()) as { decisions: { text: string }[] };
        expect(state.decisions.map((d) => d.text)).toEqual(["pesan 0", "pesan 1", "pesan 2", "pesan 3"]);
      }
    } finally {
      await stopService(service.child);
    }
  }, 120_000);
});
