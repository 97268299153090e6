import type { Embedder } from "../../src/llm/embeddings-port.js";
import { localEmbedder } from "../../src/llm/local-embeddings.js";
import { inArray } from "drizzle-orm";
import pino from "pino";
import { createApp } from "../../src/app.js";
import { createRoutingLlm } from "../../src/llm/create-routing-llm.js";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.js";
import { queueStats } from "../../src/services/queue/queue-health.js";
import { createLlmBudget, type LlmBudget } from "../../src/services/turn/decide/llm-budget.js";
import * as jobsQ from "../../src/db/queries/jobs.js";
import { jobs } from "../../src/db/schema/jobs.js";
import { setUpAdminToken } from "../../src/services/auth/admin-token.js";
import { inboxClientFactory } from "../../src/services/inbox/inbox-clients.js";
import type { InboxClientOptions } from "../../src/inbox/inbox-client.js";
import { createPipeline } from "../../src/services/pipeline.js";
import { fixedClock } from "../../src/time/clock.js";
import { readResponse, type TestResponse } from "./read-response.js";
import { createTestDatabase } from "./test-database.js";

export const testAdminToken = "test-admin-token-0123456789abcdef";
export const testPublicUrl = "http://switchboard.test";

/** The real app on a fresh migrated database, a fixed clock and a silent logger. */
export type TestLlm = {
  provider: "openai" | "anthropic";
  /** Where msw (or a fake server) answers; the SDKs call this as their vendor. */
  baseUrl: string;
  model?: string;
  deadlineMs?: number;
  breakAfter?: number;
  halfOpenAfterMs?: number;
};

function testRoutingLlm(llm: TestLlm | undefined) {
  if (!llm) return null;
  const keys = { apiKey: "test-key", baseUrl: llm.baseUrl };
  const routing = createRoutingLlm({
    provider: llm.provider,
    model: llm.model,
    openai: keys,
    anthropic: keys,
  });
  return routing ? { llm: routing, deadlineMs: llm.deadlineMs ?? 1500 } : null;
}

function testLlmBudget(llm: TestLlm | undefined, routing: ReturnType<typeof testRoutingLlm>, metrics: Metrics) {
  if (!llm || !routing) return null;
  return createLlmBudget(routing.llm, {
    deadlineMs: llm.deadlineMs ?? 1500,
    retryDelayMs: 20,
    metrics,
    ...(llm.breakAfter !== undefined && { breakAfter: llm.breakAfter }),
    ...(llm.halfOpenAfterMs !== undefined && { halfOpenAfterMs: llm.halfOpenAfterMs }),
  });
}

export async function createTestApp(options: { now?: string; llm?: TestLlm; embedder?: Embedder; inbox?: InboxClientOptions } = {}) {
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? "2026-01-15T02:30:00.000Z");
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const deps = { db: database.db, clock, publicUrl: testPublicUrl, embedder: options.embedder ?? localEmbedder };
  const admin = await setUpAdminToken(deps, testAdminToken);
  const routingLlm = testRoutingLlm(options.llm);
  // The production metrics (real registry): tests scrape /metrics as Prometheus would.
  let llmBudget: LlmBudget | null = null;
  const metrics = createMetrics({ queues: () => queueStats(deps), llmLimiter: () => llmBudget?.limiter.state() ?? null });
  llmBudget = testLlmBudget(options.llm, routingLlm, metrics);
  const inboxOptions = options.inbox ?? { timeoutMs: 300, retries: 1, backoffLimitMs: 20 };
  const inboxFor = inboxClientFactory({
    ...inboxOptions,
    onCall: (call) => {
      metrics.inboxCalled(call);
    },
  });
  const pipeline = createPipeline({ ...deps, logger, llmBudget, inboxFor, metrics, ack: { db: database.ackDb } }, { backoff: { baseMs: 1000, maxMs: 60_000 } });
  const app = createApp({ ...pipeline.deps, routingLlm, verifyAdminToken: admin.verify, readyQueueStuckSeconds: 300 });

  /**
   * Runs the queue to quiescence on the fixed clock: whenever only future jobs remain (retries,
   * echo waits), the clock jumps to the earliest one. Bounded, so a stuck queue fails the test.
   */
  async function settle(maxRounds = 50): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await pipeline.worker.runUntilIdle();
      const open = await database.db
        .select({ runAt: jobs.runAt })
        .from(jobs)
        .where(inArray(jobs.status, ["pending", "running"]));
      if (open.length === 0) return;
      // Everything runnable has run, so the rest waits for time: jump to the next due job.
      const nowMs = clock.now().toMillis();
      const future = open.map((j) => j.runAt.getTime()).filter((ms) => ms > nowMs);
      if (future.length === 0) break;
      clock.advance(Math.min(...future) - nowMs + 1);
    }
    const stuck = (
      await database.db
        .select()
        .from(jobs)
        .where(inArray(jobs.status, ["pending", "running"]))
    ).map((j) => `#${String(j.id)} ${j.queue} ${j.status} attempts=${String(j.attempts)} runAt=${j.runAt.toISOString()} error=${String(j.lastError)}`);
    throw new Error(
      `queue did not settle at ${String(clock.now().toISO())}: ${JSON.stringify(await jobsQ.countJobsByStatus(database.db))}\n${stuck.join("\n")}`,
    );
  }

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; raw?: string; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? testAdminToken : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = init.raw;
    if (init.body !== undefined && method !== "GET" && method !== "HEAD") {
      body = JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    return readResponse(await app.request(path, { method, headers, ...(body !== undefined && { body }) }));
  }

  return { app, database, db: database.db, clock, deps: pipeline.deps, worker: pipeline.worker, request, settle, close: () => database.cleanup() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
