import { randomUUID } from "node:crypto";
import type { Outgoing } from "../listener.js";
import type { BotEvent, VersionProfile } from "../profiles.js";
import { railsJson } from "../rails-json.js";
import { seededRandom } from "../../../lib/seeded-random.js";
import { type AttemptResult, sendAttempt } from "./send-attempt.js";

export type DeliveryOptions = {
  /** Queue latency before a job may run, in real milliseconds (a fixed value or a range). */
  delayMs?: number | { min: number; max: number };
  /** Run due jobs in a seeded random order instead of first-in first-out (Sidekiq guarantees no order). */
  reorderSeed?: number | null;
  /** WEBHOOK_TIMEOUT (installation config, default 5 s). */
  timeoutMs?: number;
  /** `retry_on ... wait: 3.seconds`; shorter in tests. */
  retryWaitMs?: number;
  /** Jobs in flight at once. */
  concurrency?: number;
};

export type JobState = "queued" | "held" | "in_flight" | "retry_wait" | "delivered" | "failed";

export type DeliveryJob = {
  id: number;
  /** `SecureRandom.uuid` taken when the job is enqueued; the same on every retry. */
  deliveryId: string;
  event: BotEvent;
  botId: number;
  url: string;
  body: string;
  secret: string | null;
  conversationId: number | null;
  messageId: number | null;
  state: JobState;
  dueAt: number;
  attempts: { at: number; timestamp: number; result: AttemptResult }[];
};

export type QueueDeps = {
  profile: VersionProfile;
  /** Seconds of the shared clock, for the signature timestamp. */
  unixSeconds: () => number;
  /** Webhooks::Trigger#handle_failure: called once, after the last attempt failed. */
  onFailure: (job: DeliveryJob, reason: string) => void;
};

/** `retry_on Webhooks::Trigger::RetryableError, wait: 3.seconds, attempts: 3` (429 and 500 only). */
const maxAttempts = 3;
const retryable = (status: number | null) => status === 429 || status === 500;

/**
 * AgentBots::WebhookJob as a queue: one job per event and bot, run after a delay, concurrently and
 * in no particular order; tests can hold jobs and release them in the order they choose.
 */
export function createDeliveryQueue(deps: QueueDeps, options: DeliveryOptions = {}) {
  const jobs: DeliveryJob[] = [];
  const timeoutMs = options.timeoutMs ?? 5000;
  const retryWaitMs = options.retryWaitMs ?? 3000;
  const concurrency = options.concurrency ?? 1;
  const random = options.reorderSeed === undefined || options.reorderSeed === null ? null : seededRandom(options.reorderSeed);
  const holds: ((job: DeliveryJob) => boolean)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let wake: NodeJS.Timeout | null = null;
  let inFlight = 0;
  let closed = false;
  const closing = new AbortController();
  let waiters: (() => void)[] = [];

  const delay = () => {
    const d = options.delayMs ?? 0;
    if (typeof d === "number") return d;
    return d.min + Math.floor((random ?? Math.random)() * (d.max - d.min + 1));
  };

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function enqueue(outgoing: Outgoing): DeliveryJob {
    const job: DeliveryJob = {
      id: jobs.length + 1,
      deliveryId: randomUUID(),
      event: outgoing.event,
      botId: outgoing.bot.id,
      url: outgoing.bot.outgoingUrl ?? "",
      body: railsJson(outgoing.payload),
      secret: outgoing.bot.secret,
      conversationId: outgoing.conversationId,
      messageId: outgoing.messageId,
      state: "queued",
      dueAt: Date.now() + delay(),
      attempts: [],
    };
    jobs.push(job);
    if (holds.some((hold) => hold(job))) job.state = "held";
    schedule();
    return job;
  }

  function nextDue(now: number): DeliveryJob | undefined {
    const due = jobs.filter((j) => j.state === "queued" && j.dueAt <= now);
    if (due.length === 0) return undefined;
    return random ? due[Math.floor(random() * due.length)] : due[0];
  }

  function schedule(): void {
    if (closed) return;
    while (inFlight < concurrency) {
      const job = nextDue(Date.now());
      if (!job) break;
      void run(job);
    }
    const waiting = jobs.filter((j) => j.state === "queued").map((j) => j.dueAt);
    if (wake) clearTimeout(wake);
    wake = waiting.length > 0 && inFlight < concurrency ? setTimeout(schedule, Math.max(0, Math.min(...waiting) - Date.now())) : null;
    notifyIdle();
  }

  async function run(job: DeliveryJob): Promise<void> {
    job.state = "in_flight";
    inFlight++;
    const timestamp = deps.unixSeconds();
    const result = await sendAttempt(
      deps.profile,
      { url: job.url, body: job.body, secret: job.secret, deliveryId: job.deliveryId, timestampSeconds: timestamp },
      timeoutMs,
      closing.signal,
    );
    job.attempts.push({ at: Date.now(), timestamp, result });
    inFlight--;
    if (closed) return;
    settle(job, result);
    schedule();
  }

  function settle(job: DeliveryJob, result: AttemptResult): void {
    if (result.ok) {
      job.state = "delivered";
      return;
    }
    if (deps.profile.retries && retryable(result.status) && job.attempts.length < maxAttempts) {
      job.state = "retry_wait";
      later(retryWaitMs, () => {
        job.state = holds.some((hold) => hold(job)) ? "held" : "queued";
        job.dueAt = Date.now();
        schedule();
      });
      return;
    }
    job.state = "failed";
    deps.onFailure(job, result.reason);
  }

  const busy = () => inFlight > 0 || jobs.some((j) => j.state === "queued" || j.state === "retry_wait");

  function notifyIdle(): void {
    if (busy()) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }

  return {
    jobs,
    enqueue,
    /** Resolves when nothing is queued, waiting for a retry or in flight (held jobs stay held). */
    idle(): Promise<void> {
      if (!busy()) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** Holds the queued and future jobs that match (all of them without a filter). */
    hold(filter: (job: DeliveryJob) => boolean = () => true): void {
      holds.push(filter);
      for (const job of jobs) if (job.state === "queued" && filter(job)) job.state = "held";
      notifyIdle();
    },
    held: () => jobs.filter((j) => j.state === "held"),
    /** Delivers the given held jobs one after another, in this order, and waits for each answer. */
    async release(ids: number[]): Promise<void> {
      for (const id of ids) {
        const job = jobs.find((j) => j.id === id && j.state === "held");
        if (!job) throw new Error(`delivery ${String(id)} is not held`);
        await run(job);
      }
    },
    /** Drops every hold; held jobs go back to the queue. */
    resume(): void {
      holds.length = 0;
      for (const job of jobs) if (job.state === "held") job.state = "queued";
      schedule();
    },
    close(): void {
      closed = true;
      closing.abort();
      if (wake) clearTimeout(wake);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const resolve of waiters) resolve();
      waiters = [];
    },
  };
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;
