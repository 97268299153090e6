import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fakeOpenAiHandler } from "../../scripts/lib/fake-openai.js";
import { botBody, divisionBody } from "../../test/fixtures/bots.js";
import { startInboxStandIn } from "./inbox-stand-in.js";
import { startSwitchboard, type SwitchboardProcess } from "./switchboard-process.js";
import { webhookBodies } from "./webhook-payload.js";

export type RigOptions = {
  llmLatencyMs: number;
  inboxLatencyMs: number;
  deliveryDelayMs: number;
  /** `pglite` (a fresh data directory on disk) or a Postgres URL shared by `processes` services. */
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  processes: number;
  /** Labelled examples given to the bot (few-shot retrieval reads them every turn). */
  examples: number;
  env: Record<string, string>;
  log: (message: string) => void;
  /** Write a V8 CPU profile of each service process here when it stops. */
  cpuProfileDir?: string | undefined;
};

export const rigAdminToken = "bench-admin-token-0123456789abcdef";

/**
 * Everything one turns run needs, wired like a deployment: the real service process(es), an
 * OpenAI-compatible model with a fixed latency, and an inbox that answers after a fixed latency
 * and talks back with webhooks. Arrivals go round-robin to the processes, like a load balancer.
 */
export async function startRig(options: RigOptions) {
  const llm = await listen(createServer(fakeOpenAiHandler({ latencyMs: options.llmLatencyMs })));
  const inbox = await startInboxStandIn({ latencyMs: options.inboxLatencyMs, deliveryDelayMs: options.deliveryDelayMs, talkBack: true });
  const env = {
    ADMIN_TOKEN: rigAdminToken,
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "bench",
    OPENAI_BASE_URL: `${llm.origin}/v1`,
    EMBEDDINGS: "local",
    ...(options.database.kind === "pglite" ? { DATA_DIR: options.database.dataDir } : { DATABASE_URL: options.database.url }),
    ...options.env,
  };
  const services: SwitchboardProcess[] = [];
  try {
    for (let i = 0; i < options.processes; i++)
      services.push(await startSwitchboard(env, { label: `switchboard#${String(i + 1)}`, log: options.log, cpuProfileDir: options.cpuProfileDir }));
  } catch (error) {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([llm.close(), inbox.close()]);
    throw error;
  }
  const bot = await createBenchBot(services[0]?.origin ?? "", options.examples, inbox.baseUrl);
  inbox.setWebhookUrls(services.map((s) => `${s.origin}${bot.webhookPath}`));
  const bodies = webhookBodies({ firstMessageId: 10_000_000, firstConversationId: 100_000, conversations: 1_000_000_000 });
  return {
    inbox,
    services,
    bot,
    /** The `seq`-th customer message: a new conversation each. */
    body: (seq: number) => bodies.body(seq),
    /** Posts the `seq`-th customer message (a new conversation each) and returns the ack time. */
    async deliver(seq: number): Promise<{ conversationId: number; status: number; ackMs: number }> {
      const service = services[seq % services.length];
      if (!service) throw new Error("no service");
      const started = performance.now();
      const res = await fetch(`${service.origin}${bot.webhookPath}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodies.body(seq),
      });
      await res.arrayBuffer();
      return { conversationId: 100_000 + seq, status: res.status, ackMs: performance.now() - started };
    },
    cpuMs: () => services.reduce((sum, s) => sum + s.cpuMs(), 0),
    async stop() {
      await Promise.all(services.map((s) => s.stop()));
      await Promise.all([llm.close(), inbox.close()]);
    },
  };
}

export type Rig = Awaited<ReturnType<typeof startRig>>;

async function listen(server: Server) {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

async function admin(origin: string, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${rigAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} answered ${String(res.status)}: ${JSON.stringify(json)}`);
  return json;
}

/** The bank's routing bot: Cards and Complaints, the inbox stand-in with an admin token, examples. */
async function createBenchBot(origin: string, exampleCount: number, inboxUrl: string) {
  const omnichat = { baseUrl: inboxUrl, accountId: 1, inboxId: 3, botToken: "bench-bot-token", adminToken: "bench-admin-token" };
  const bot = await admin(origin, "POST", "/v1/bots", botBody({ name: "Bench Bank", signingSecret: undefined, omnichat }));
  const botId = String(bot.id);
  const cards = await admin(
    origin,
    "POST",
    `/v1/bots/${botId}/divisions`,
    divisionBody({
      name: "Cards",
      teamId: 2,
      keywords: ["blokir", "limit"],
      prompt: "Alihkan ke agent jika nasabah punya masalah kartu kredit atau kartu debit: terblokir, limit, hilang, tertelan.",
    }),
  );
  const complaints = await admin(
    origin,
    "POST",
    `/v1/bots/${botId}/divisions`,
    divisionBody({ name: "Complaints", teamId: 4, keywords: ["komplain"], prompt: "Alihkan ke agent jika user memiliki keluhan" }),
  );
  await admin(origin, "PUT", `/v1/bots/${botId}/settings`, { defaultDivisionId: complaints.id });
  const labels = [String(cards.id), String(complaints.id), "bot"];
  const examples = Array.from({ length: exampleCount }, (_, i) => ({
    text: `contoh pertanyaan nasabah nomor ${String(i)} tentang ${["kartu kredit", "keluhan biaya", "jam buka cabang"][i % 3] ?? ""}`,
    label: labels[i % 3] ?? "bot",
  }));
  if (examples.length > 0) await admin(origin, "POST", `/v1/bots/${botId}/examples`, { examples });
  return { id: botId, webhookPath: new URL(String(bot.webhookUrl)).pathname };
}
