import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bench, type BenchReport, booleanFlag, fixed, type Flags, numberFlag, type Table } from "./lib/bench.js";
import { summariseProfile } from "./lib/cpu-profile.js";
import { runLoad } from "./lib/load.js";
import { projectRoot } from "./lib/server-process.js";
import { measureFloor, runStep, type StepResult } from "./lib/turn-steps.js";
import { startRig } from "./lib/turn-rig.js";

/**
 * Whole turns, as a deployment sees them: the real service (`src/main.ts`) with its queue
 * processing, an OpenAI-compatible model that answers after `--llm-ms`, and an inbox that answers
 * after `--inbox-ms` and talks back (an echo webhook for every stored message, update and status
 * events). Arrivals are open-loop, each a new conversation routed by the LLM to a division (first
 * reply = the handover message). Reported against the floor measured in the same run (one turn at
 * a time on an idle service).
 *
 * Before the first rate, `--warmup` seconds at the lowest rate (not reported): a deployment meets
 * its peak with the hot path compiled and its caches full, not seconds after a start.
 *
 * Flags: --rates=5,10,25,50 --duration=20 --warmup=10 --llm-ms=800 --inbox-ms=50 --delivery-ms=20
 *        --examples=200 --senders=32 --senders-duration=10
 *        --postgres (TEST_DATABASE_URL or --database-url) --processes=1|2 (Postgres only)
 *        --profile (a V8 CPU profile of each service process's threads, under bench/results/turns/)
 *        --gate (CI: exit 1 unless every given rate is sustained, every turn answered exactly once,
 *                and no acknowledgement is slower than Chatwoot's 5 s or other than 2xx)
 */
const aims = { rate: 25, p95Ms: 2000, ackP99Ms: 100, stretchRate: 50, stretchP95Ms: 1100, cpuMsPerTurn: 10 };

type Settings = {
  rates: number[];
  durationSec: number;
  warmupSec: number;
  llmMs: number;
  inboxMs: number;
  deliveryMs: number;
  examples: number;
  senders: number;
  sendersSec: number;
  postgresUrl: string | null;
  processes: number;
  profile: boolean;
  gate: boolean;
};

function readSettings(flags: Flags): Settings {
  const rates = String(flags.rates ?? "5,10,25,50")
    .split(",")
    .map(Number);
  if (rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 1000)) throw new Error("--rates must be numbers from 0 to 1000, comma-separated");
  const postgres = booleanFlag(flags, "postgres");
  const url = typeof flags["database-url"] === "string" ? flags["database-url"] : process.env.TEST_DATABASE_URL;
  if (postgres && !url) throw new Error("--postgres needs --database-url or TEST_DATABASE_URL (scripts/postgres-test-server.sh run -- …)");
  const processes = numberFlag(flags, "processes", 1, { min: 1, max: 4 });
  if (processes > 1 && !postgres) throw new Error("--processes > 1 needs --postgres: the embedded database belongs to one process");
  return {
    rates: rates.sort((a, b) => a - b),
    durationSec: numberFlag(flags, "duration", 20, { min: 2, max: 600 }),
    warmupSec: numberFlag(flags, "warmup", 10, { min: 0, max: 600 }),
    llmMs: numberFlag(flags, "llm-ms", 800, { min: 0, max: 10_000 }),
    inboxMs: numberFlag(flags, "inbox-ms", 50, { min: 0, max: 5_000 }),
    deliveryMs: numberFlag(flags, "delivery-ms", 20, { min: 0, max: 5_000 }),
    examples: numberFlag(flags, "examples", 200, { min: 0, max: 100_000 }),
    senders: numberFlag(flags, "senders", 32, { min: 0, max: 512 }),
    sendersSec: numberFlag(flags, "senders-duration", 10, { min: 1, max: 120 }),
    postgresUrl: postgres && url ? url : null,
    processes,
    profile: booleanFlag(flags, "profile"),
    gate: booleanFlag(flags, "gate"),
  };
}

const stepRow = (s: StepResult, floorMs: number): string[] => [
  fixed(s.rate, 0),
  String(s.turns),
  fixed(s.ackMs.p50, 1),
  fixed(s.ackMs.p99, 1),
  fixed(s.firstReplyMs.p50, 0),
  fixed(s.firstReplyMs.p95, 0),
  fixed(s.firstReplyMs.p99, 0),
  fixed(s.firstReplyMs.p95 / floorMs, 2),
  fixed(s.growthMs, 0),
  String(s.unanswered),
  String(s.notExactlyOnce),
  fixed(s.cpuMsPerTurn, 1),
  s.bounded ? "yes" : "NO",
];

export const turnsBench: Bench = {
  name: "turns",
  description: "whole turns with processing on: open-loop arrivals, an LLM with real latency, an inbox that talks back",
  async run(context): Promise<BenchReport> {
    const settings = readSettings(context.flags);
    const dataDir = settings.postgresUrl ? null : mkdtempSync(join(tmpdir(), "switchboard-bench-"));
    const database = settings.postgresUrl ? { kind: "postgres" as const, url: settings.postgresUrl } : { kind: "pglite" as const, dataDir: dataDir ?? "" };
    const label = settings.postgresUrl ? `Postgres, ${String(settings.processes)} process${settings.processes > 1 ? "es" : ""}` : "embedded PGlite";
    context.log(`${label}: starting the service, the model (${String(settings.llmMs)} ms) and the inbox (${String(settings.inboxMs)} ms)`);
    const rig = await startRig({
      llmLatencyMs: settings.llmMs,
      inboxLatencyMs: settings.inboxMs,
      deliveryDelayMs: settings.deliveryMs,
      database,
      processes: settings.processes,
      examples: settings.examples,
      env: {},
      log: (m) => {
        context.log(m);
      },
      cpuProfileDir: settings.profile ? context.resultsDir : undefined,
    });
    const steps: StepResult[] = [];
    let floor: { p50: number; samples: number[] };
    let senders: Awaited<ReturnType<typeof runLoad>> | null = null;
    let seq = 0;
    try {
      await measureFloor(rig, { turns: 3, firstSeq: seq });
      seq += 3;
      floor = await measureFloor(rig, { turns: 7, firstSeq: seq });
      seq += 7;
      context.log(`floor (one turn at a time): first reply p50 ${fixed(floor.p50, 0)} ms`);
      const warmupRate = settings.rates[0];
      if (settings.warmupSec > 0 && warmupRate !== undefined) {
        const warmup = await runStep(rig, { rate: warmupRate, durationSec: settings.warmupSec, firstSeq: seq, drainMs: 30_000 });
        seq += warmup.turns;
        context.log(
          `warm-up: ${String(warmupRate)} turns/s for ${String(settings.warmupSec)} s (first reply p95 ${fixed(warmup.firstReplyMs.p95, 0)} ms, not reported)`,
        );
      }
      for (const rate of settings.rates) {
        context.log(`${String(rate)} turns/s for ${String(settings.durationSec)} s`);
        const step = await runStep(rig, { rate, durationSec: settings.durationSec, firstSeq: seq, drainMs: Math.max(30_000, settings.durationSec * 2000) });
        seq += step.turns;
        steps.push(step);
        context.log(
          `  first reply p95 ${fixed(step.firstReplyMs.p95, 0)} ms, ack p99 ${fixed(step.ackMs.p99, 1)} ms, ` +
            `${fixed(step.cpuMsPerTurn, 1)} CPU ms/turn, ${step.bounded ? "bounded" : "NOT bounded"}`,
        );
        if (!step.bounded && !settings.gate) break;
      }
      if (settings.senders > 0) {
        context.log(`${String(settings.senders)} closed-loop senders for ${String(settings.sendersSec)} s, the pipeline running`);
        const first = seq;
        const service = rig.services[0];
        if (!service) throw new Error("no service");
        senders = await runLoad({
          origin: service.origin,
          path: rig.bot.webhookPath,
          connections: settings.senders,
          durationSec: settings.sendersSec,
          maxRequests: 1_000_000,
          nextBody: () => rig.body(seq++),
        });
        context.log(`  ${String(seq - first)} deliveries, ack p99 ${fixed(senders.latencyMs.p99, 1)} ms`);
      }
    } finally {
      await rig.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
    const result = report(settings, label, floor, steps, senders);
    return settings.profile ? { ...result, tables: [...result.tables, ...profileTables(context.resultsDir, steps)] } : result;
  },
};

/**
 * Which thread of a service process a profile is: the main thread (V8's id 0) answers HTTP; of
 * the others, the one in PGlite's WebAssembly is the database's, and a busy one that is not runs
 * the turns. Idle helper threads (the TypeScript loader's) are left out.
 */
function threadName(thread: number, byArea: { name: string; pct: number }[]): string | null {
  const pct = (area: string) => byArea.find((a) => a.name === area)?.pct ?? 0;
  if (thread === 0) return "the service's thread (HTTP)";
  if (pct("(idle)") > 95) return null;
  return pct("WebAssembly (PGlite)") > 20 ? "the database's thread" : "the pipeline's thread (turns)";
}

/** With --profile: where each thread of the last service process spent CPU during the highest step (self time). */
function profileTables(dir: string, steps: StepResult[]): Table[] {
  const step = steps.at(-1);
  // Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  const files = readdirSync(dir).filter((f) => /\.\d+\.\d+\.\d+\.cpuprofile$/.test(f));
  const part = (f: string, fromEnd: number) => Number(f.split(".").at(-fromEnd));
  const last = files.sort().at(-1);
  if (!step || !last) return [];
  return files
    .filter((f) => part(f, 4) === part(last, 4))
    .sort((a, b) => part(a, 3) - part(b, 3))
    .flatMap((file) => {
      const summary = summariseProfile(join(dir, file), projectRoot, { windowUs: step.windowUs });
      const name = threadName(part(file, 3), summary.byArea);
      if (!name) return [];
      const rows = (lines: { name: string; ms: number; pct: number }[]) => lines.map((l) => [l.name, fixed(l.ms, 0), fixed(l.pct, 1)]);
      const title = `CPU profile of ${name} during the ${fixed(step.rate, 0)} turns/s step (${fixed(summary.totalMs / 1000, 1)} s)`;
      return [
        { title: `${title}, self time by area`, columns: ["area", "ms", "%"], rows: rows(summary.byArea) },
        { title: `${title}, top self time`, columns: ["function", "ms", "%"], rows: rows(summary.topSelf) },
      ];
    });
}

function report(
  settings: Settings,
  label: string,
  floor: { p50: number },
  steps: StepResult[],
  senders: Awaited<ReturnType<typeof runLoad>> | null,
): BenchReport {
  const sustained = steps.filter((s) => s.bounded).at(-1) ?? null;
  const at = (rate: number) => steps.find((s) => s.rate === rate && s.bounded);
  const target = at(aims.rate);
  const stretch = at(aims.stretchRate);
  const tables: Table[] = [
    {
      title:
        `${label}: model ${String(settings.llmMs)} ms, inbox ${String(settings.inboxMs)} ms, floor (one turn at a time) first reply ` +
        `${fixed(floor.p50, 0)} ms, after a ${String(settings.warmupSec)} s warm-up`,
      columns: [
        "turns/s",
        "turns",
        "ack p50",
        "ack p99",
        "reply p50",
        "reply p95",
        "reply p99",
        "p95/floor",
        "growth ms",
        "unanswered",
        "not once",
        "CPU ms/turn",
        "bounded",
      ],
      rows: steps.map((s) => stepRow(s, floor.p50)),
    },
  ];
  if (senders) {
    tables.push({
      title: `${String(settings.senders)} closed-loop senders for ${String(settings.sendersSec)} s, every delivery a new turn, the pipeline running`,
      columns: ["deliveries/s", "ack p50 ms", "ack p99 ms", "ack max ms", "non-2xx", "errors"],
      rows: [
        [
          fixed(senders.reqPerSec, 0),
          fixed(senders.latencyMs.p50, 1),
          fixed(senders.latencyMs.p99, 1),
          fixed(senders.latencyMs.max, 0),
          String(senders.non2xx),
          String(senders.errors + senders.timeouts),
        ],
      ],
    });
  }
  const cpu = sustained?.cpuMsPerTurn ?? Number.NaN;
  const worstAck = Math.max(...steps.map((s) => s.ackMs.max), senders?.latencyMs.max ?? 0);
  const gate = {
    label: `gate: ${settings.rates.join(", ")} turns/s sustained, every turn exactly once, every acknowledgement 2xx within Chatwoot's 5 s`,
    met:
      steps.length === settings.rates.length &&
      steps.every((s) => s.bounded && s.unanswered === 0 && s.notExactlyOnce === 0 && s.non200 === 0) &&
      worstAck < 5000 &&
      (senders === null || (senders.non2xx === 0 && senders.errors + senders.timeouts === 0)),
    actual: `${steps.map((s) => `${fixed(s.rate, 0)}/s ${s.bounded ? "sustained" : "NOT sustained"}`).join(", ")}, slowest ack ${fixed(worstAck, 0)} ms`,
    gate: true,
  };
  return {
    tables,
    aims: [
      {
        label: `${String(aims.rate)} turns/s sustained, first reply p95 ≤ ${String(aims.p95Ms)} ms, ack p99 ≤ ${String(aims.ackP99Ms)} ms`,
        met: !!target && target.firstReplyMs.p95 <= aims.p95Ms && target.ackMs.p99 <= aims.ackP99Ms,
        actual: target ? `p95 ${fixed(target.firstReplyMs.p95, 0)} ms, ack p99 ${fixed(target.ackMs.p99, 1)} ms` : "not sustained",
      },
      {
        label: `aim: ${String(aims.stretchRate)} turns/s, first reply p95 ≤ ${String(aims.stretchP95Ms)} ms`,
        met: !!stretch && stretch.firstReplyMs.p95 <= aims.stretchP95Ms,
        actual: stretch ? `p95 ${fixed(stretch.firstReplyMs.p95, 0)} ms` : "not sustained",
      },
      {
        label: `aim: ≤ ${String(aims.cpuMsPerTurn)} CPU ms per turn (at the highest sustained rate)`,
        met: cpu <= aims.cpuMsPerTurn,
        actual: `${fixed(cpu, 1)} ms`,
      },
      {
        label: "every turn answered exactly once (one handover message, note, assignment, toggle)",
        met: steps.every((s) => s.notExactlyOnce === 0 && s.non200 === 0),
        actual: steps.map((s) => `${fixed(s.rate, 0)}/s: ${String(s.notExactlyOnce)}`).join(", "),
      },
      ...(settings.gate ? [gate] : []),
      ...(senders
        ? [
            {
              label: `${String(settings.senders)} senders: ack p99 ≤ ${String(aims.ackP99Ms)} ms, no errors`,
              met: senders.latencyMs.p99 <= aims.ackP99Ms && senders.non2xx === 0 && senders.errors + senders.timeouts === 0,
              actual: `p99 ${fixed(senders.latencyMs.p99, 1)} ms, non-2xx ${String(senders.non2xx)}, errors ${String(senders.errors + senders.timeouts)}`,
            },
          ]
        : []),
    ],
    notes: [
      `sustained capacity: ${sustained ? `${fixed(sustained.rate, 0)} turns/s` : "none of the rates"} (a rate is sustained when every ` +
        `turn is answered and the first-reply p50 of the last quarter of arrivals is within 1 s of the first quarter's)`,
      "the load generator, the model and the inbox stand-ins share this process and the machine's cores with the service",
    ],
    data: { settings, aims, floor, steps, senders, sustainedRate: sustained?.rate ?? null },
  };
}
