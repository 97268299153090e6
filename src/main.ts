import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { runMigrations } from "./db/migrate.js";
import { createLogger } from "./logger.js";
import { releaseAllRunning } from "./db/queries/jobs.js";
import { setUpAdminToken } from "./services/auth/admin-token.js";
import { analyzeVectorTables } from "./db/queries/vector-search.js";
import { enqueueReembed, needsReembed } from "./services/memory/reembed.js";
import { createMetrics } from "./metrics/metrics.js";
import { queueStats } from "./services/queue/queue-health.js";
import { createRetentionScheduler } from "./services/retention/retention-scheduler.js";
import { systemClock } from "./time/clock.js";
import { serviceDeps, wirePipeline } from "./runtime/wire-pipeline.js";
import { type PipelineThread, startPipelineThread } from "./runtime/pipeline-thread-host.js";

// Composition root: the only place that reads the environment, opens connections and listens.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const started = performance.now();

  const database = await openDatabase(config.database);
  await runMigrations(database);
  const deps = serviceDeps(config, database);
  const adminToken = await setUpAdminToken(deps, config.adminToken);
  if (adminToken.generatedToken) {
    // Printed once, outside the structured log; only its hash is stored.
    process.stdout.write(
      `\n  No ADMIN_TOKEN was set, so one was generated. It is shown only this once:\n\n    ` +
        `${adminToken.generatedToken}\n\n  Sign in with it at ${config.publicUrl}/console, or use ` +
        `it as "Authorization: Bearer <token>" for the admin API.\n\n`,
    );
  }

  if (database.kind === "pglite") {
    // One process owns an embedded database, so any job left running belongs to a crashed run.
    const released = await releaseAllRunning(database.db);
    if (released > 0) logger.warn({ released }, "released jobs left running by a previous process");
  }
  // Turns run on a thread of their own, so this one answers webhooks without waiting behind them
  // (docs/decisions/0021-turns-on-their-own-thread.md).
  let pipelineThread: PipelineThread | null = null;
  const metrics = createMetrics(
    { queues: () => queueStats(deps), llmLimiter: () => null },
    { otherThreads: async () => (pipelineThread ? [await pipelineThread.snapshot()] : []) },
  );
  // This thread's pipeline serves the webhook and the admin API (the simulator, the impact
  // preview); its queue worker never starts: stored deliveries wake the pipeline thread's.
  const { pipeline, routingLlm } = wirePipeline(config, database, deps, {
    logger,
    metrics,
    remoteQueue: { wake: (orderingKey) => pipelineThread?.wake(orderingKey) },
  });
  const app = createApp({ ...pipeline.deps, routingLlm, verifyAdminToken: adminToken.verify, readyQueueStuckSeconds: config.readyQueueStuckSeconds });
  // The embedded database has no autovacuum: fresh statistics let the planner use the HNSW indexes.
  if (database.kind === "pglite") await analyzeVectorTables(database.db);
  if (await needsReembed(deps)) {
    logger.info({ model: deps.embedder.model }, "re-embedding examples and knowledge for the current embeddings model, in the background");
    await enqueueReembed(database.db, systemClock.now().toJSDate());
  }
  pipelineThread = await startPipelineThread({
    config,
    link: database.attach(),
    logger,
    onDeath: () => {
      // Jobs are durable: the supervisor's restart picks them up.
      process.exit(1);
    },
  });
  // Listening only now: a service that answers its health check can also run the turns it accepts.
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        port: info.port,
        database: config.database.kind === "pglite" ? `pglite:${config.database.dataDir}` : "postgres",
        llmProvider: config.llm.provider,
        bootMs: Math.round(performance.now() - started),
      },
      "switchboard listening",
    );
  });
  const { intervalMinutes, batchRows, ...periods } = config.retention;
  const embedded = database.kind === "pglite";
  const retention = createRetentionScheduler(
    { db: database.db, clock: systemClock, logger, metrics },
    {
      periods,
      batchRows,
      pauseMs: 10,
      intervalMs: intervalMinutes * 60_000,
      vacuum: embedded,
      queueVacuum: embedded ? { checkMs: 60_000, everyJobs: 10_000 } : null,
    },
  );
  retention.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close(() => {
      Promise.all([pipelineThread.stop(), retention.stop()])
        .then(() => database.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => {
    shutdown("SIGTERM");
  });
  process.on("SIGINT", () => {
    shutdown("SIGINT");
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`switchboard failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
