import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createBotRoute } from "../../src/http/routes/bots/create-bot.js";
import { botBody } from "../fixtures/bots.js";
import { bodyOf } from "./contract.js";
import { readResponse } from "./read-response.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Switchboard as a real child process (`npm start`'s entry), for crash and multi-process tests. */
export async function startService(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = env.PORT ?? "0";
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env, PORT: port },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Booting runs the migrations; on a busy two-core CI machine that alone can take half a minute.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`service did not become healthy:\n${output}`);
}

export function stopService(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => {
      resolve();
    });
    child.kill(signal);
  });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** A bot of the inbox (`omnichat`), created through a running service's admin API as an operator would. */
export async function createServiceBot(serviceUrl: string, adminToken: string, omnichat: Record<string, unknown>) {
  const res = await fetch(`${serviceUrl}/v1/bots`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(botBody({ signingSecret: undefined, omnichat })),
  });
  return bodyOf(await readResponse(res), createBotRoute, 201);
}
