import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { BotRow } from "../db/queries/bots.js";
import type { InboxClient } from "../inbox/inbox-client.js";
import type { ServiceDeps } from "./context.js";
import { cachedBotLookup } from "./turn/intake/bot-lookup.js";
import { createDeliveryWriter } from "./turn/intake/delivery-writer.js";
import { createInboundHandler } from "./turn/inbound-handler.js";
import { createOutboxHandler } from "./turn/outbox/outbox-handler.js";
import { createInboxFacts } from "./inbox/inbox-facts.js";
import { createTeamPresence } from "./inbox/presence.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { createReembedHandler } from "./memory/reembed.js";
import { createTrainRouterHandler } from "./memory/router-training.js";
import type { RoutingDeps } from "./turn/decide/decide-turn.js";
import { type Metrics, noMetrics } from "../metrics/metrics.js";
import { cachedBotConfig } from "./turn/prepare/bot-config.js";
import { createJobLoaders } from "./queue/job-loaders.js";
import { queues } from "./queue/queues.js";
import { createQueueWorker, type QueueWorker, type QueueWorkerOptions } from "./queue/queue-worker.js";

const defaultTurnWaitBudgetMs = 3000;

/** Wires the turn pipeline: deps shared by the webhook and the queue worker that processes turns. */
export function createPipeline(
  base: ServiceDeps &
    RoutingDeps & { logger: Logger; inboxFor: (bot: BotRow) => InboxClient | null; turnWaitBudgetMs?: number; metrics?: Metrics; presenceMaxAgeMs?: number } & {
      /** Where deliveries are stored, ahead of other statements (src/db/client.ts); `db` when absent. */
      ack?: { db: Db };
      /** Where a stored delivery's wake goes when the queue's worker runs in another thread; this worker's when absent. */
      wakeQueue?: (orderingKey: string) => void;
    },
  workerOptions: Partial<Pick<QueueWorkerOptions, "pollMs" | "leaseMs" | "backoff" | "admission">> & {
    concurrency?: { inbound: number; outbound: number };
  } = {},
): { deps: PipelineDeps; worker: QueueWorker } {
  const deps: PipelineDeps = {
    ...base,
    turnWaitBudgetMs: base.turnWaitBudgetMs ?? defaultTurnWaitBudgetMs,
    botConfig: cachedBotConfig(base.db),
    metrics: base.metrics ?? noMetrics,
    teamPresence: createTeamPresence({
      clock: base.clock,
      logger: base.logger,
      ...(base.presenceMaxAgeMs !== undefined && { maxAgeMs: base.presenceMaxAgeMs }),
    }),
    inboxFacts: createInboxFacts({ clock: base.clock, logger: base.logger }),
    // The lookup is part of the acknowledgement, so it takes the same line as the store.
    findBotForWebhook: cachedBotLookup(base.ack?.db ?? base.db, base.clock),
    writeDelivery: base.ack ? createDeliveryWriter(base.ack.db) : createDeliveryWriter(base.db),
    wakeQueue:
      base.wakeQueue ??
      ((orderingKey) => {
        worker.wake(queues.inbound, orderingKey);
      }),
  };
  const load = createJobLoaders(base.db);
  const worker: QueueWorker = createQueueWorker({
    db: base.db,
    clock: base.clock,
    logger: base.logger,
    handlers: {
      [queues.inbound]: createInboundHandler(deps, load),
      [queues.outbound]: createOutboxHandler(deps, load),
      [queues.reembed]: createReembedHandler(deps),
      [queues.trainRouter]: createTrainRouterHandler(deps),
    },
    ...workerOptions,
    onClaim: (queue, jobs) => {
      deps.metrics.queueClaimed(queue, jobs);
    },
    concurrency: {
      [queues.inbound]: workerOptions.concurrency?.inbound ?? 64,
      [queues.outbound]: workerOptions.concurrency?.outbound ?? 32,
      [queues.reembed]: 1,
    },
  });
  return { deps, worker };
}
