import { serve } from "@hono/node-server";
import { type ChildMessage, isParentMessage } from "../lib/ipc.js";

export type ChildApp = {
  label: string;
  fetch: (request: Request) => Response | Promise<Response>;
  webhookPath: string;
  /** Extra figures for the bench after a run (row counts and so on). */
  stats?: () => Promise<Record<string, unknown>>;
  close?: () => Promise<void>;
};

function send(message: ChildMessage): void {
  if (!process.send) throw new Error("bench servers run as a forked child (process.send is missing)");
  process.send(message);
}

/**
 * Serves `build()`'s app on 127.0.0.1 (port 0), tells the parent over IPC, answers stats requests,
 * and exits on "stop" or when the parent goes away, so no server outlives the bench.
 */
export function serveChild(build: () => Promise<ChildApp>): void {
  const fail = (error: unknown) => {
    send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  };
  build().then((app) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      send({ type: "ready", port: info.port, webhookPath: app.webhookPath, label: app.label });
    });
    const stop = () => {
      server.close();
      const closing = app.close ? app.close() : Promise.resolve();
      closing.then(
        () => process.exit(0),
        () => process.exit(1),
      );
      setTimeout(() => process.exit(1), 5_000).unref();
    };
    process.on("disconnect", stop);
    process.on("message", (message: unknown) => {
      if (!isParentMessage(message)) return;
      if (message.type === "stop") {
        stop();
        return;
      }
      const monotonicUs = Number(process.hrtime.bigint() / 1000n);
      const cpu = process.cpuUsage();
      const extra = app.stats ? app.stats() : Promise.resolve({});
      extra.then(
        (figures) => {
          send({ type: "stats", monotonicUs, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, rssMb: process.memoryUsage().rss / 2 ** 20, extra: figures });
        },
        fail,
      );
    });
  }, fail);
}
