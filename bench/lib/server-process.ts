import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ChildMessage, isChildMessage, type ParentMessage, type ReadyMessage, type StatsMessage } from "./ipc.js";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export type ServerProcess = {
  ready: ReadyMessage;
  origin: string;
  pid: number;
  stats(): Promise<StatsMessage>;
  stop(): Promise<void>;
};

/**
 * Runs a bench server (a file in bench/servers/) in its own Node process, so it does not share an
 * event loop with the load generator. With `cpuProfileDir`, the child writes a V8 CPU profile there
 * when it exits.
 */
export async function startServer(entry: URL, args: string[] = [], options: { cpuProfileDir?: string; readyTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const execArgv = ["--import", "tsx"];
  if (options.cpuProfileDir !== undefined) {
    mkdirSync(options.cpuProfileDir, { recursive: true });
    execArgv.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  const child = fork(fileURLToPath(entry), args, { cwd: projectRoot, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      resolve(code);
    }),
  );
  try {
    const ready = await nextMessage(child, "ready", options.readyTimeoutMs ?? 60_000);
    return {
      ready,
      origin: `http://127.0.0.1:${String(ready.port)}`,
      pid: child.pid ?? -1,
      async stats() {
        const reply = nextMessage(child, "stats", 30_000);
        send(child, { type: "stats" });
        return reply;
      },
      async stop() {
        if (child.exitCode !== null) return;
        send(child, { type: "stop" });
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

function nextMessage<T extends ChildMessage["type"]>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === "failed") {
        cleanup();
        reject(new Error(`bench server failed: ${message.error}`));
      } else if (message.type === type) {
        cleanup();
        resolve(message as Extract<ChildMessage, { type: T }>);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench server exited (code ${String(code)}) before sending "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`bench server sent no "${type}" within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
