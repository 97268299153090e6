import { parentPort, workerData } from "node:worker_threads";
import { connectDatabase, openDatabase } from "../db/client.js";
import { createLogger } from "../logger.js";
import { createMetrics } from "../metrics/metrics.js";
import { serviceDeps, wirePipeline } from "./wire-pipeline.js";
import type { FromPipelineThread, PipelineThreadData, ToPipelineThread } from "./pipeline-thread-messages.js";

// The turn pipeline's thread (docs/decisions/0021-turns-on-their-own-thread.md): the queue's
// worker, with the turns' routing, model calls and inbox calls, runs here, so the service's
// thread answers webhooks without waiting behind them. Started by ./pipeline-thread-host.ts.
if (!parentPort) throw new Error("the pipeline thread must run as a worker");
const parent = parentPort;
const { config, link } = workerData as PipelineThreadData;
const send = (message: FromPipelineThread) => {
  parent.postMessage(message);
};

const logger = createLogger(config.logLevel).child({ thread: "pipeline" });
const database = link ? connectDatabase(link) : await openDatabase(config.database);
let limiterState: () => { limit: number; inFlight: number; waiting: number } | null = () => null;
// The queue's gauges are read by the service's thread, which answers the scrape; process metrics too.
const metrics = createMetrics({ queues: () => Promise.resolve([]), llmLimiter: () => limiterState() }, { processMetrics: false });
const wired = wirePipeline(config, database, serviceDeps(config, database), { logger, metrics });
limiterState = wired.limiterState;
const { worker, deps } = wired.pipeline;

parent.on("message", (message: ToPipelineThread) => {
  switch (message.type) {
    case "wake":
      deps.wakeQueue(message.orderingKey);
      break;
    case "metrics":
      void metrics.snapshot().then((snapshot) => {
        send({ type: "metrics", id: message.id, snapshot });
      });
      break;
    case "stop":
      // Running jobs finish (or their leases lapse and another run takes them); nothing new starts.
      void worker
        .stop()
        .then(() => database.close())
        .catch((error: unknown) => {
          logger.error({ err: error }, "stopping the pipeline thread failed");
        })
        .finally(() => {
          send({ type: "stopped" });
        });
      break;
  }
});
worker.start();
send({ type: "ready" });
