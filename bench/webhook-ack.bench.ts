import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Bench, type BenchContext, type BenchReport, booleanFlag, fixed, numberFlag, type Table } from "./lib/bench.js";
import { measureAckSteps, type StepCost } from "./lib/ack-steps.js";
import { summariseProfile } from "./lib/cpu-profile.js";
import type { StatsMessage } from "./lib/ipc.js";
import { type LoadResult, runLoad } from "./lib/load.js";
import { busyPct, machineCpu } from "./lib/machine-cpu.js";
import { projectRoot, type ServerProcess, startServer } from "./lib/server-process.js";
import { webhookBodies } from "./lib/webhook-payload.js";

/**
 * Webhook acknowledgement: the real app on in-memory PGlite against a bare Hono endpoint, both in
 * a child process on 127.0.0.1, both driven by the same autocannon load (same connections,
 * duration and bodies). Every request carries a new message id and the conversation ids rotate, so
 * every delivery is stored (no dedupe short-cut). The queue worker does not run.
 *
 * Flags: --duration=10 --warmup=5 --connections=32 --conversations=512
 *        --breakdown (also load the app with the insert transaction skipped, and time the
 *                     acknowledgement's parts one call at a time in-process)
 *        --profile   (write a V8 CPU profile of the Switchboard server to bench/results/webhook-ack/)
 */
const aims = { ratio: 0.3, p99Ms: 50 };

type Target = { key: "baseline" | "subject" | "noWrite"; label: string; entry: URL; args: string[] };

type Measured = {
  label: string;
  load: LoadResult;
  warmup: LoadResult;
  serverCpuPct: number;
  /** CPU used on the machine by everything but this server and the load generator (noise). */
  otherCpuPct: number;
  serverRssMb: number;
  serverStats: Record<string, unknown>;
  /** With --profile: the server's CPU profile and the measured window in it. */
  profile?: { file: string; windowUs: { from: number; to: number } };
};

async function measure(target: Target, context: BenchContext, settings: Settings): Promise<Measured> {
  const profileDir = settings.profile && target.key !== "baseline" ? join(context.resultsDir, `${target.key}-${String(Date.now())}`) : undefined;
  const server = await startServer(target.entry, target.args, profileDir !== undefined ? { cpuProfileDir: profileDir } : {});
  let measured: Measured & { windowUs: { from: number; to: number } };
  try {
    measured = await drive(server, target, context, settings);
  } finally {
    await server.stop();
  }
  // The child writes its profiles as it exits, so they exist once stop() has returned: one per
  // thread (CPU.<date>.<time>.<pid>.<thread>.<seq>), the main thread being 0; tsx's module-loader
  // thread writes the other.
  const { windowUs, ...result } = measured;
  const file = profileDir !== undefined ? readdirSync(profileDir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort()[0] : undefined;
  return profileDir !== undefined && file !== undefined ? { ...result, profile: { file: join(profileDir, file), windowUs } } : result;
}

/** Warm-up, then the measured run, with the server's CPU use and stats around the latter. */
async function drive(server: ServerProcess, target: Target, context: BenchContext, settings: Settings): Promise<Measured & { windowUs: { from: number; to: number } }> {
  const bodies = webhookBodies({ firstMessageId: 1_000_000, firstConversationId: 10_000, conversations: settings.conversations });
  let seq = 0;
  const load = (durationSec: number) =>
    runLoad({
      origin: server.origin,
      path: server.ready.webhookPath,
      connections: settings.connections,
      durationSec,
      maxRequests: Math.ceil(durationSec * 50_000),
      nextBody: () => bodies.body(seq++),
    });
  context.log(`${target.label}: pid ${String(server.pid)} on ${server.origin}; warming up ${String(settings.warmupSec)} s`);
  const warmup = await load(settings.warmupSec);
  const before = await server.stats();
  const machineBefore = machineCpu();
  const wallStart = performance.now();
  context.log(`${target.label}: measuring ${String(settings.durationSec)} s at ${String(settings.connections)} connections`);
  const result = await load(settings.durationSec);
  const wallMs = performance.now() - wallStart;
  const machineAfter = machineCpu();
  const after = await server.stats();
  const serverCpuPct = ((cpuMs(after) - cpuMs(before)) / wallMs) * 100;
  return {
    label: target.label,
    load: result,
    warmup,
    serverCpuPct,
    otherCpuPct: Math.max(0, busyPct(machineBefore, machineAfter, wallMs) - serverCpuPct - result.generatorCpuPct),
    serverRssMb: after.rssMb,
    serverStats: after.extra,
    windowUs: { from: before.monotonicUs, to: after.monotonicUs },
  };
}

function profileTables(m: Measured): Table[] {
  if (!m.profile) return [];
  const summary = summariseProfile(m.profile.file, projectRoot, { windowUs: m.profile.windowUs });
  const rows = (lines: { name: string; ms: number; pct: number }[]) => lines.map((l) => [l.name, fixed(l.ms, 0), fixed(l.pct, 1)]);
  const title = `${m.label}: CPU profile of the measured ${fixed(summary.totalMs / 1000, 1)} s`;
  return [
    { title: `${title}, self time by area`, columns: ["area", "ms", "%"], rows: rows(summary.byArea) },
    { title: `${title}, top self time`, columns: ["function", "ms", "%"], rows: rows(summary.topSelf.slice(0, 12)) },
  ];
}

/** Every answer (warm-up included) a 200 "accepted", and the server stored each delivery once. */
function deliveryCheck(subject: Measured): { met: boolean; actual: string } {
  const runs = [subject.warmup, subject.load];
  const sum = (f: (l: LoadResult) => number) => runs.reduce((total, l) => total + f(l), 0);
  const answered = sum((l) => l.requests);
  // Requests still in flight when a run stops get no counted answer, but the server stores them.
  const sent = sum((l) => l.sent);
  const ok = sum((l) => l.statusCodes["200"] ?? 0);
  const accepted = sum((l) => l.answers.accepted ?? 0);
  const non2xx = sum((l) => l.non2xx);
  const errors = sum((l) => l.errors + l.timeouts);
  const stored = subject.serverStats.inboxEvents;
  const met = ok === answered && accepted === answered && non2xx === 0 && errors === 0 && typeof stored === "number" && stored >= answered && stored <= sent;
  return {
    met,
    actual: `${String(ok)}/${String(answered)} answers 200 incl. warm-up (non-2xx ${String(non2xx)}, errors/timeouts ${String(errors)}), ${String(accepted)} "accepted"; inbox_events ${String(stored)} for ${String(answered)} answered / ${String(sent)} sent; jobs ${JSON.stringify(subject.serverStats.jobs)}`,
  };
}

async function measureSteps(context: BenchContext): Promise<{ table: Table; costs: StepCost[] }> {
  context.log("breakdown: timing the acknowledgement's parts in-process, one call at a time");
  const costs = await measureAckSteps({ calls: 2_000, maxMsPerStep: 3_000 });
  const whole = costs.at(-1)?.msPerCall ?? Number.NaN;
  return {
    costs,
    table: {
      title: "Breakdown: sequential, in-process (no sockets, no concurrency)",
      columns: ["step", "ms/call", "calls/s", "% of Switchboard fetch", "calls"],
      rows: costs.map((c) => [c.step, fixed(c.msPerCall, 3), fixed(1000 / c.msPerCall, 0), fixed((c.msPerCall / whole) * 100, 0), String(c.calls)]),
    },
  };
}

const cpuMs = (s: StatsMessage) => s.cpuUserMs + s.cpuSystemMs;

type Settings = { durationSec: number; warmupSec: number; connections: number; conversations: number; breakdown: boolean; profile: boolean };

function row(m: Measured, baselineRps: number): string[] {
  const l = m.load;
  return [
    m.label,
    fixed(l.reqPerSec, 0),
    fixed(l.reqPerSec / baselineRps, 3),
    fixed(l.latencyMs.p50, 2),
    fixed(l.latencyMs.p90, 2),
    fixed(l.latencyMs.p99, 2),
    fixed(l.latencyMs.max, 1),
    String(l.requests),
    String(l.non2xx),
    String(l.errors + l.timeouts),
    fixed(m.serverCpuPct, 0),
    fixed(l.generatorCpuPct, 0),
    fixed(m.otherCpuPct, 0),
  ];
}

export const webhookAck: Bench = {
  name: "webhook-ack",
  description: "webhook acknowledgement (token, parse, classify, store event+job) vs a bare Hono endpoint",
  async run(context): Promise<BenchReport> {
    const { flags } = context;
    const settings: Settings = {
      durationSec: numberFlag(flags, "duration", 10, { min: 1, max: 30 }),
      warmupSec: numberFlag(flags, "warmup", 5, { min: 1, max: 10 }),
      connections: numberFlag(flags, "connections", 32, { min: 1, max: 256 }),
      conversations: numberFlag(flags, "conversations", 512, { min: 1, max: 1_000_000 }),
      breakdown: booleanFlag(flags, "breakdown"),
      profile: booleanFlag(flags, "profile"),
    };
    const servers = new URL("./servers/", import.meta.url);
    const targets: Target[] = [
      { key: "baseline", label: "bare Hono (baseline)", entry: new URL("bare-hono.ts", servers), args: [] },
      { key: "subject", label: "Switchboard on PGlite", entry: new URL("switchboard.ts", servers), args: [] },
    ];
    if (settings.breakdown) {
      targets.push({ key: "noWrite", label: "  same, insert skipped", entry: new URL("switchboard.ts", servers), args: ["--variant=no-write"] });
    }

    const results: Partial<Record<Target["key"], Measured>> = {};
    for (const target of targets) results[target.key] = await measure(target, context, settings);
    const { baseline, subject } = results;
    if (!baseline || !subject) throw new Error("webhook-ack: a run is missing");

    const steps = settings.breakdown ? await measureSteps(context) : undefined;

    const bodyBytes = webhookBodies({ firstMessageId: 1_000_000, firstConversationId: 10_000, conversations: settings.conversations }).bytes;
    const ratio = subject.load.reqPerSec / baseline.load.reqPerSec;
    const check = deliveryCheck(subject);
    const noisy = targets.flatMap((t) => {
      const m = results[t.key];
      return m && m.otherCpuPct > 25 ? [`${m.label.trim()} ${fixed(m.otherCpuPct, 0)}%`] : [];
    });
    // In a closed loop, mean latency = connections / throughput (Little's law).
    const neededRps = settings.connections / (aims.p99Ms / 1000);

    const tables: Table[] = [
      {
        columns: ["target", "req/s", "ratio", "p50 ms", "p90 ms", "p99 ms", "max ms", "requests", "non-2xx", "errors", "server CPU%", "loadgen CPU%", "other CPU%"],
        rows: targets.flatMap((t) => {
          const m = results[t.key];
          return m ? [row(m, baseline.load.reqPerSec)] : [];
        }),
      },
      ...(steps ? [steps.table] : []),
      ...targets.flatMap((t) => {
        const m = results[t.key];
        return m ? profileTables(m) : [];
      }),
    ];
    return {
      tables,
      aims: [
        { label: `throughput ratio Switchboard / bare Hono ≥ ${String(aims.ratio)}`, met: ratio >= aims.ratio, actual: fixed(ratio, 3) },
        { label: `Switchboard p99 < ${String(aims.p99Ms)} ms at ${String(settings.connections)} connections`, met: subject.load.latencyMs.p99 < aims.p99Ms, actual: `${fixed(subject.load.latencyMs.p99, 2)} ms` },
        { label: 'every Switchboard answer a 200 "accepted", every delivery stored', met: check.met, actual: check.actual },
      ],
      notes: [
        `${String(settings.connections)} keep-alive connections, ${String(settings.warmupSec)} s warm-up + ${String(settings.durationSec)} s measured per target; body ${String(bodyBytes)} B (incomingText fixture, compact JSON), new message id per request over ${String(settings.conversations)} conversations`,
        "servers run one at a time in a child process; the load generator (autocannon) runs in this process; both share the machine's cores",
        "Switchboard: in-memory PGlite, system clock, silent logger, no signing secret; the queue worker is not running (jobs stay pending)",
        `closed loop: mean latency ≈ connections / throughput, so a mean under ${String(aims.p99Ms)} ms at ${String(settings.connections)} connections already needs > ${fixed(neededRps, 0)} req/s (Switchboard: ${fixed(subject.load.reqPerSec, 0)} req/s → ${fixed((settings.connections / subject.load.reqPerSec) * 1000, 1)} ms)`,
        ...(noisy.length > 0 ? [`the machine was busy with other work during: ${noisy.join(", ")} of a core (other CPU%); figures are noisy, re-run on a quiet machine`] : []),
        ...(settings.profile ? [`CPU profiles of the Switchboard servers written under ${context.resultsDir} (profiling slows the server: take throughput figures from runs without --profile)`] : []),
      ],
      data: { settings, thresholds: aims, bodyBytes, ratio, results, ...(steps && { steps: steps.costs }) },
    };
  },
};
