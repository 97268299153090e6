import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { DatabaseLink } from "../db/client.js";
import type { MetricsSnapshot } from "../metrics/metrics.js";
import type { FromPipelineThread, PipelineThreadData, ToPipelineThread } from "./pipeline-thread-messages.js";

export type PipelineThread = {
  /** A delivery was stored for this conversation: its worker should look. */
  wake(orderingKey: string): void;
  /** The thread's application metrics, for a scrape. */
  snapshot(): Promise<MetricsSnapshot>;
  /** Lets running jobs finish, then ends the thread. */
  stop(): Promise<void>;
};

const snapshotTimeoutMs = 5000;

/**
 * Starts the turn pipeline's thread (./pipeline-thread.ts) and resolves once its queue worker
 * runs. A thread that fails or exits on its own calls `onDeath`: the process should end, and its
 * supervisor restart it (jobs are durable).
 */
export async function startPipelineThread(options: {
  config: Config;
  /** The embedded database's link for the thread (`Database.attach()`); null on Postgres, where it opens its own pool. */
  link: DatabaseLink | null;
  logger: Logger;
  onDeath(error: Error): void;
}): Promise<PipelineThread> {
  const entry = new URL("./pipeline-thread.ts", import.meta.url).href;
  const workerData: PipelineThreadData = { entry, config: options.config, link: options.link };
  const worker = new Worker(new URL("./ts-worker.js", import.meta.url), {
    workerData,
    transferList: options.link ? [options.link.port, options.link.syncPort] : [],
  });
  const post = (message: ToPipelineThread) => {
    worker.postMessage(message);
  };
  const snapshots = new Map<number, (snapshot: MetricsSnapshot) => void>();
  let nextSnapshot = 1;
  let stopped: (() => void) | null = null;
  let stopping = false;

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      reject(error);
    };
    const exited = (code: number) => {
      reject(new Error(`the pipeline thread exited while starting (code ${String(code)})`));
    };
    worker.once("error", failed);
    worker.once("exit", exited);
    worker.on("message", function ready(message: FromPipelineThread) {
      if (message.type !== "ready") return;
      worker.off("message", ready);
      worker.off("error", failed);
      worker.off("exit", exited);
      resolve();
    });
  });

  worker.on("message", (message: FromPipelineThread) => {
    if (message.type === "metrics") {
      snapshots.get(message.id)?.(message.snapshot);
      snapshots.delete(message.id);
    } else if (message.type === "stopped") stopped?.();
  });
  worker.once("error", (error) => {
    options.logger.fatal({ err: error }, "the pipeline thread failed");
    options.onDeath(error);
  });
  worker.once("exit", (code) => {
    stopped?.();
    if (!stopping) options.onDeath(new Error(`the pipeline thread exited (code ${String(code)})`));
  });

  return {
    wake(orderingKey) {
      post({ type: "wake", orderingKey });
    },
    snapshot() {
      const id = nextSnapshot++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          snapshots.delete(id);
          reject(new Error(`the pipeline thread sent no metrics within ${String(snapshotTimeoutMs)} ms`));
        }, snapshotTimeoutMs);
        snapshots.set(id, (snapshot) => {
          clearTimeout(timer);
          resolve(snapshot);
        });
        post({ type: "metrics", id });
      });
    },
    async stop() {
      stopping = true;
      await new Promise<void>((resolve) => {
        stopped = resolve;
        post({ type: "stop" });
      });
      await worker.terminate();
    },
  };
}
