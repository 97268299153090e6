import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatwootEmulator, startChatwootEmulator } from "../../emulator/chatwoot/index.js";
import { createServiceBot, freePort, startService, stopService } from "../harness/child-service.js";

// `npm start` runs turns on a thread of their own (docs/decisions/0021-turns-on-their-own-thread.md):
// the service's thread answers webhooks and the admin API, the pipeline thread runs the queue. A
// real child process against the Chatwoot emulator, which talks back, checks the seams between them.
const adminToken = "threads-test-admin-token-123456";
let dataDir: string;
let inbox: ChatwootEmulator;
let service: Awaited<ReturnType<typeof startService>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "switchboard-threads-"));
  inbox = await startChatwootEmulator();
  const port = String(await freePort());
  // Polling so slow that only the webhook's wake, sent across to the pipeline thread, can start a turn in time.
  service = await startService({ PORT: port, DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, PUBLIC_URL: `http://127.0.0.1:${port}`, QUEUE_POLL_MS: "20000" });
  const omnichat = { baseUrl: inbox.baseUrl, accountId: inbox.accountId, inboxId: inbox.inboxId, botToken: inbox.botToken, adminToken: inbox.adminToken };
  const created = await createServiceBot(service.url, adminToken, omnichat);
  inbox.setBotWebhook(created.webhookUrl);
}, 120_000);
afterAll(async () => {
  await stopService(service.child);
  await inbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitFor<T>(read: () => T | undefined, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const metricsText = () => fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } }).then((r) => r.text());
const sample = (text: string, series: string) =>
  Number(
    text
      .split("\n")
      .find((line) => line.startsWith(`${series} `))
      ?.split(" ")[1] ?? NaN,
  );

describe("the service's two threads", () => {
  it("answers each customer through the pipeline thread, woken by the webhook's thread", async () => {
    for (let c = 0; c < 3; c++) {
      const contact = `threads-${String(c)}`;
      const said = Date.now();
      inbox.customerSays("halo", { contact });
      const replied = await waitFor(() => (inbox.transcript({ contact }).some((m) => m.from === "bot") ? Date.now() : undefined), 10_000);
      expect(
        replied,
        `customer ${String(c)} got no reply:\n${JSON.stringify(inbox.transcript({ contact }))}\n${await metricsText()}\n${service.output()}`,
      ).toBeDefined();
      // Well inside QUEUE_POLL_MS: the wake crossed threads.
      expect(replied! - said).toBeLessThan(5000);
    }
  });

  it("serves one scrape with both threads' counts, and process metrics once", async () => {
    const text = await metricsText();
    // Acknowledgements are counted on the service's thread, decisions and claims on the pipeline thread.
    expect(sample(text, 'switchboard_webhook_ack_seconds_count{outcome="accepted"}')).toBeGreaterThanOrEqual(3);
    expect(
      sample(text, 'switchboard_decisions_total{route="bot_reply",source="fallback"}') ||
        sample(text, 'switchboard_decisions_total{route="handover",source="fallback"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'switchboard_queue_claims_total{queue="inbound",result="jobs"}')).toBeGreaterThan(0);
    expect(sample(text, "switchboard_process_cpu_seconds_total")).toBeGreaterThan(0);
    const types = text.split("\n").filter((line) => line.startsWith("# TYPE "));
    expect(types.length).toBeGreaterThan(20);
    expect(new Set(types).size).toBe(types.length);
  });

  it("stops cleanly on SIGTERM, the pipeline thread included", async () => {
    const exited = new Promise<number | null>((resolve) => service.child.once("exit", resolve));
    await stopService(service.child);
    expect(await exited).toBe(0);
  });
});
