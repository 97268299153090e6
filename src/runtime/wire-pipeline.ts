import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { createEmbedder } from "../llm/create-embedder.js";
import { createRoutingLlm } from "../llm/create-routing-llm.js";
import type { Metrics } from "../metrics/metrics.js";
import type { ServiceDeps } from "../services/context.js";
import { inboxClientFactory } from "../services/inbox/inbox-clients.js";
import { createPipeline } from "../services/pipeline.js";
import { watchLoopLag } from "../services/queue/loop-lag.js";
import { createLlmBudget, type LlmBudget } from "../services/turn/decide/llm-budget.js";
import { systemClock } from "../time/clock.js";

/** What every service of a thread needs (src/services/context.ts), built once per thread. */
export function serviceDeps(config: Config, database: Database): ServiceDeps {
  return { db: database.db, clock: systemClock, publicUrl: config.publicUrl, embedder: createEmbedder(config) };
}

/**
 * The turn pipeline from the configuration, as each thread of the service builds it: the HTTP
 * thread for the webhook and the admin API, the pipeline thread for the queue's worker
 * (docs/decisions/0021-turns-on-their-own-thread.md). `metrics` comes in without the LLM
 * limiter, which is built here: `limiterState` reads it for the gauge.
 */
export function wirePipeline(
  config: Config,
  database: Database,
  base: ServiceDeps,
  options: {
    logger: Logger;
    metrics: Metrics;
    /**
     * The queue's worker runs in another thread: a stored delivery's wake goes there, and this
     * thread's worker (never started) needs no admission control.
     */
    remoteQueue?: { wake(orderingKey: string): void };
  },
) {
  const { logger, metrics, remoteQueue } = options;
  const llm = createRoutingLlm(config.llm);
  const llmBudget: LlmBudget | null = llm
    ? createLlmBudget(llm, { deadlineMs: config.llm.deadlineMs, maxConcurrency: config.llm.maxConcurrency, metrics })
    : null;
  const pipeline = createPipeline(
    {
      ...base,
      logger,
      llmBudget,
      inboxFor: inboxClientFactory({
        onCall: (call) => {
          metrics.inboxCalled(call);
        },
      }),
      turnWaitBudgetMs: config.turnWaitBudgetMs,
      metrics,
      presenceMaxAgeMs: config.presenceMaxAgeMs,
      ack: { db: database.ackDb },
      ...(remoteQueue && {
        wakeQueue: (orderingKey: string) => {
          remoteQueue.wake(orderingKey);
        },
      }),
    },
    { concurrency: config.concurrency, pollMs: config.queuePollMs, admission: remoteQueue ? undefined : admissionControl(config.queueMaxLoopLagMs) },
  );
  return {
    pipeline,
    routingLlm: llm ? { llm, deadlineMs: config.llm.deadlineMs } : null,
    limiterState: () => llmBudget?.limiter.state() ?? null,
  };
}

/** New jobs are taken one at a time, 100 ms apart, while the event loop runs later than `maxLagMs`. */
function admissionControl(maxLagMs: number) {
  if (maxLagMs === 0) return undefined;
  const lag = watchLoopLag();
  return { busy: () => lag.lagMs() > maxLagMs, trickleMs: 100 };
}
