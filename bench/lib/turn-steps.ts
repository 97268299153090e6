import { percentile } from "./latency.js";
import { openLoop } from "./open-loop.js";
import type { Rig } from "./turn-rig.js";

export type Arrival = { conversationId: number; sentAt: number; ackMs: number; status: number };

export type StepResult = {
  rate: number;
  turns: number;
  ackMs: { p50: number; p99: number; max: number };
  firstReplyMs: { p50: number; p95: number; p99: number; max: number };
  /** First reply p50 of the last quarter of arrivals minus that of the first quarter: a growing backlog shows here. */
  growthMs: number;
  unanswered: number;
  non200: number;
  /** Conversations that did not get exactly one handover message, note, assignment and toggle. */
  notExactlyOnce: number;
  cpuMsPerTurn: number;
  bounded: boolean;
  schedulerLateMs: number;
  /** Monotonic µs (the clock V8 profiles use) of the step's first arrival and of its end. */
  windowUs: { from: number; to: number };
};

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const sortedMs = (values: number[]) => Float64Array.from(values).sort();

/** How long a backlog may grow over one step before the rate counts as beyond capacity. */
const growthLimitMs = 1000;

/** Waits until every conversation has its first reply and its handover done, or the time is up. */
async function drain(rig: Rig, arrivals: Arrival[], timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const done = arrivals.every((a) => (rig.inbox.conversation(a.conversationId)?.toggles ?? 0) > 0);
    if (done && rig.inbox.stats().inFlight === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * One open-loop step at `rate` turns a second for `durationSec`, each turn a new conversation
 * whose message the LLM routes to a division: first reply = the handover message reaching the
 * inbox. CPU is the service processes' own, from the first arrival until the last turn is done.
 */
export async function runStep(rig: Rig, args: { rate: number; durationSec: number; firstSeq: number; drainMs: number }): Promise<StepResult> {
  const arrivals: Arrival[] = [];
  const cpuBefore = rig.cpuMs();
  const from = monotonicUs();
  const loop = await openLoop({
    rate: args.rate,
    durationSec: args.durationSec,
    send: async (i) => {
      const sentAt = performance.now();
      const answer = await rig.deliver(args.firstSeq + i);
      arrivals.push({ conversationId: answer.conversationId, sentAt, ackMs: answer.ackMs, status: answer.status });
    },
  });
  await drain(rig, arrivals, args.drainMs);
  const cpuMs = rig.cpuMs() - cpuBefore;
  return summarise(rig, arrivals, { rate: args.rate, cpuMs, lateMs: loop.lateMs, windowUs: { from, to: monotonicUs() } });
}

export function summarise(
  rig: Rig,
  arrivals: Arrival[],
  args: { rate: number; cpuMs: number; lateMs: number; windowUs: { from: number; to: number } },
): StepResult {
  arrivals.sort((a, b) => a.sentAt - b.sentAt);
  const acks = sortedMs(arrivals.map((a) => a.ackMs));
  const replyOf = (a: Arrival) => {
    const at = rig.inbox.conversation(a.conversationId)?.firstReplyAt;
    return at === null || at === undefined ? null : at - a.sentAt;
  };
  const replies = arrivals.map(replyOf);
  const answered = sortedMs(replies.filter((r): r is number => r !== null));
  const quarter = Math.max(1, Math.floor(arrivals.length / 4));
  const p50Of = (list: (number | null)[]) => percentile(sortedMs(list.map((r) => r ?? Number.POSITIVE_INFINITY)), 50);
  const growthMs = p50Of(replies.slice(-quarter)) - p50Of(replies.slice(0, quarter));
  const notExactlyOnce = arrivals.filter((a) => {
    const c = rig.inbox.conversation(a.conversationId);
    return !c || c.publicMessages !== 1 || c.notes !== 1 || c.assignments !== 1 || c.toggles !== 1;
  }).length;
  const unanswered = replies.filter((r) => r === null).length;
  return {
    rate: args.rate,
    turns: arrivals.length,
    ackMs: { p50: percentile(acks, 50), p99: percentile(acks, 99), max: acks.at(-1) ?? Number.NaN },
    firstReplyMs: { p50: percentile(answered, 50), p95: percentile(answered, 95), p99: percentile(answered, 99), max: answered.at(-1) ?? Number.NaN },
    growthMs,
    unanswered,
    non200: arrivals.filter((a) => a.status !== 200).length,
    notExactlyOnce,
    cpuMsPerTurn: args.cpuMs / Math.max(1, arrivals.length),
    bounded: unanswered === 0 && growthMs <= growthLimitMs,
    schedulerLateMs: args.lateMs,
    windowUs: args.windowUs,
  };
}

/** The physical floor: turns one at a time on an idle service, each waiting for its first reply. */
export async function measureFloor(rig: Rig, args: { turns: number; firstSeq: number }): Promise<{ p50: number; samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < args.turns; i++) {
    const sentAt = performance.now();
    const answer = await rig.deliver(args.firstSeq + i);
    const arrival = { conversationId: answer.conversationId, sentAt, ackMs: answer.ackMs, status: answer.status };
    await drain(rig, [arrival], 30_000);
    const at = rig.inbox.conversation(answer.conversationId)?.firstReplyAt;
    if (at !== null && at !== undefined) samples.push(at - sentAt);
  }
  return { p50: percentile(sortedMs(samples), 50), samples };
}
