import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort } from "../../test/harness/child-service.js";
import { projectRoot } from "./server-process.js";

export type SwitchboardProcess = {
  origin: string;
  pid: number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
};

/** CPU ticks of a process from /proc/<pid>/stat (utime + stime, 10 ms each on Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, "utf8");
  // The command name may contain spaces; fields after the closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs the real service (`src/main.ts`, the composition root `npm start` runs) with the given
 * environment, on 127.0.0.1 and a free port, and waits until `/ready` answers.
 */
export async function startSwitchboard(
  env: Record<string, string>,
  options: { label: string; log: (m: string) => void; cpuProfileDir?: string | undefined },
): Promise<SwitchboardProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${String(port)}`;
  const profile = options.cpuProfileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", "src/main.ts"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) options.log(`${options.label}: ${line.slice(0, 300)}`);
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.label} exited with ${String(child.exitCode)} before it was ready`);
    const ready = await fetch(`${origin}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.label} was not ready within 90 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid ?? -1;
  return {
    origin,
    pid,
    cpuMs: () => processCpuMs(pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
