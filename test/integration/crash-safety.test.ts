import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatwootEmulator, startChatwootEmulator } from "../../emulator/chatwoot/index.js";
import { getConversationRoute } from "../../src/http/routes/conversations/get-conversation.js";
import { createServiceBot, freePort, startService, stopService } from "../harness/child-service.js";
import { bodyOf } from "../harness/contract.js";
import { isCustomerMessage } from "../harness/emulator-inbox.js";
import { readResponse } from "../harness/read-response.js";

// A real child process on a real data directory, killed with SIGKILL mid-burst and restarted,
// against the Chatwoot emulator. The customers' messages are held in the emulator and posted by
// the test, so it can repeat them the way an inbox retries; everything else (sends, their echoes)
// goes between the service and the emulator as it would with Chatwoot. The 2021 profile, because
// it neither retries deliveries nor opens a conversation when the bot is down, which would turn
// this into a test of Chatwoot's failure policy.
const adminToken = "crash-test-admin-token-123456";
const customers = 12;
const perCustomer = 4;
let dataDir: string;
let inbox: ChatwootEmulator;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-crash-"));
  inbox = await startChatwootEmulator({ profile: "legacy" });
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
    const omnichat = { baseUrl: inbox.baseUrl, accountId: inbox.accountId, inboxId: inbox.inboxId, botToken: inbox.botToken, adminToken: inbox.adminToken };
    const created = await createServiceBot(service.url, adminToken, omnichat);
    inbox.setBotWebhook(created.webhookUrl);

    // Each customer writes four messages; the test takes their deliveries.
    inbox.deliveries.hold(isCustomerMessage);
    for (let c = 0; c < customers; c++) for (let m = 0; m < perCustomer; m++) inbox.customerSays(`pesan ${String(m)}`, { contact: `customer-${String(c)}` });
    const byCustomer = Array.from({ length: customers }, (_, c) =>
      inbox.deliveries.held().filter((job) => job.conversationId === inbox.conversation({ contact: `customer-${String(c)}` }).displayId),
    );
    const acked = new Set<number>();
    // Killed the moment half are acknowledged, from the answer's own callback: with at most one
    // request in flight per customer, some are always left unacknowledged however fast acks are.
    let killed = false;
    const post = (job: (typeof byCustomer)[number][number]) =>
      fetch(created.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(job.payload) }).then(
        (r) => {
          if (!r.ok) return;
          acked.add(job.id);
          if (!killed && acked.size >= (customers * perCustomer) / 2) {
            killed = true;
            service.child.kill("SIGKILL");
          }
        },
        () => undefined,
      );

    // Burst: customers in parallel, each customer's messages in order; kill mid-way.
    const burst = Promise.all(
      byCustomer.map(async (jobs) => {
        for (const job of jobs) {
          if (killed) return;
          await post(job);
        }
      }),
    );
    await burst;
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThan(0);
    expect(ackedBeforeCrash).toBeLessThan(customers * perCustomer);

    // Restart on the same data; everything not acknowledged is delivered again, and (as inboxes
    // do) a few that were.
    service = await startService(env);
    try {
      for (const jobs of byCustomer) {
        for (const job of jobs) if (!acked.has(job.id) || job.id % 3 === 0) await post(job);
      }
      expect(acked.size).toBe(customers * perCustomer);
      const botReplies = () =>
        Array.from({ length: customers }, (_, c) => inbox.transcript({ contact: `customer-${String(c)}` }).filter((m) => m.from === "bot").length);
      await waitFor(() => botReplies().every((n) => n >= perCustomer), 30_000);
      await new Promise((r) => setTimeout(r, 1500)); // anything extra would show up now
      expect(botReplies()).toEqual(Array<number>(customers).fill(perCustomer));

      for (let c = 0; c < customers; c++) {
        const id = inbox.conversation({ contact: `customer-${String(c)}` }).displayId;
        const res = await fetch(`${service.url}/v1/bots/${created.id}/conversations/${String(id)}`, { headers: { authorization: `Bearer ${adminToken}` } });
        const state = bodyOf(await readResponse(res), getConversationRoute, 200);
        expect(state.decisions.map((d) => d.text)).toEqual(["pesan 0", "pesan 1", "pesan 2", "pesan 3"]);
      }
    } finally {
      await stopService(service.child);
    }
  }, 240_000);
});
