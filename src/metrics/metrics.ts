import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, type MetricObjectWithValues, type MetricValue, Registry } from "prom-client";
import { estimateCostUsd, type TokenCounts } from "../domain/llm-prices.js";

/**
 * What the service tells an operator (`GET /metrics`, Prometheus text format). Services see only
 * these calls; `noMetrics` stands in where nothing scrapes (evals, the impact preview).
 */
export type Metrics = {
  webhookAcknowledged(outcome: string, seconds: number): void;
  turnDecided(turn: { route: string; source: string; fallbackCause: string | null; waitedSeconds: number; decideSeconds: number }): void;
  handedOver(handover: { division: string; availability: string; handedOver: boolean }): void;
  llmCalled(call: { provider: string; model: string; ok: boolean; failureKind: string | null; seconds: number; tokens: TokenCounts | null }): void;
  inboxCalled(call: { operation: string; outcome: string }): void;
  /** Delivery received → the turn's first message accepted by the inbox. */
  firstReplySent(seconds: number): void;
  /** One batch claim of a queue, with how many jobs it took. */
  queueClaimed(queue: string, jobs: number): void;
  /** Rows retention deleted, or whose customer text it erased, in one batch (docs/decisions/0016). */
  retentionPruned(batch: { table: string; action: "deleted" | "erased"; rows: number }): void;
  /** One retention pass over every table, batches and the embedded database's vacuum included. */
  retentionPassed(seconds: number): void;
  /** The exposition for a scrape. */
  render(): Promise<{ contentType: string; body: string }>;
};

export const noMetrics: Metrics = {
  webhookAcknowledged: () => undefined,
  turnDecided: () => undefined,
  handedOver: () => undefined,
  llmCalled: () => undefined,
  inboxCalled: () => undefined,
  firstReplySent: () => undefined,
  queueClaimed: () => undefined,
  retentionPruned: () => undefined,
  retentionPassed: () => undefined,
  render: () => Promise.resolve({ contentType: "text/plain; version=0.0.4", body: "" }),
};

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 30];

export type QueueStat = { queue: string; pending: number; running: number; oldestDueSeconds: number | null };

/** Read when scraped: the queue from the database, the LLM limiter from memory. */
export type MetricSources = {
  queues: () => Promise<QueueStat[]>;
  llmLimiter: () => { limit: number; inFlight: number; waiting: number } | null;
};

/** One thread's application metrics, as another thread sends them for a scrape. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/**
 * The Prometheus implementation, on its own registry (several apps can live in one process).
 * `otherThreads`: the snapshots of this process's other threads (the turn pipeline's), merged
 * into each scrape: counters and histograms add up, so each series counts every thread's events.
 * Process metrics (CPU, memory, the event loop) belong to the thread that answers the scrape.
 */
export function createMetrics(
  sources: MetricSources,
  options: { processMetrics?: boolean; otherThreads?: () => Promise<MetricsSnapshot[]> } = {},
): Metrics & { registry: Registry; snapshot(): Promise<MetricsSnapshot> } {
  const registry = new Registry();
  const processRegistry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: processRegistry, prefix: "switchboard_" });
  registerGauges(registry, sources);
  const ack = new Histogram({
    name: "switchboard_webhook_ack_seconds",
    help: "Webhook delivery acknowledged (stored), by outcome",
    labelNames: ["outcome"],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const turnWait = new Histogram({
    name: "switchboard_turn_wait_seconds",
    help: "Delivery received → its turn started",
    buckets: latencyBuckets,
    registers: [registry],
  });
  const turnDecide = new Histogram({
    name: "switchboard_turn_decide_seconds",
    help: "Turn started → decided (routing, LLM included)",
    labelNames: ["source"],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const firstReply = new Histogram({
    name: "switchboard_first_reply_seconds",
    help: "Delivery received → the turn's first message accepted by the inbox",
    buckets: latencyBuckets,
    registers: [registry],
  });
  const decisions = new Counter({
    name: "switchboard_decisions_total",
    help: "Turns decided, by route and source",
    labelNames: ["route", "source"],
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: "switchboard_fallbacks_total",
    help: "Turns the deterministic fallback decided although the LLM path was asked, by cause",
    labelNames: ["cause"],
    registers: [registry],
  });
  const handovers = new Counter({
    name: "switchboard_handovers_total",
    help: "Handovers by division and availability (available, offline, closed)",
    labelNames: ["division", "availability", "handed_over"],
    registers: [registry],
  });
  const llm = new Histogram({
    name: "switchboard_llm_seconds",
    help: "Routing LLM calls (retry included), by provider and outcome",
    labelNames: ["provider", "outcome"],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const llmErrors = new Counter({
    name: "switchboard_llm_errors_total",
    help: "Failed routing LLM calls, by kind",
    labelNames: ["provider", "kind"],
    registers: [registry],
  });
  const tokens = new Counter({
    name: "switchboard_llm_tokens_total",
    help: "LLM tokens, by kind (prompt includes cached)",
    labelNames: ["provider", "model", "kind"],
    registers: [registry],
  });
  const cost = new Counter({
    name: "switchboard_llm_estimated_cost_usd_total",
    help: "Estimated LLM cost in USD (list prices, src/domain/llm-prices.ts)",
    labelNames: ["provider", "model"],
    registers: [registry],
  });
  const inbox = new Counter({
    name: "switchboard_inbox_api_calls_total",
    help: "Inbox API calls by operation and outcome (ok, HTTP status, timeout, network)",
    labelNames: ["operation", "outcome"],
    registers: [registry],
  });
  const claims = new Counter({
    name: "switchboard_queue_claims_total",
    help: "Batch claims by queue and whether they found jobs: many empty claims are wasted database work",
    labelNames: ["queue", "result"],
    registers: [registry],
  });
  const pruned = new Counter({
    name: "switchboard_retention_pruned_total",
    help: "Rows retention deleted, or whose customer text it erased, by table",
    labelNames: ["table", "action"],
    registers: [registry],
  });
  const retentionPass = new Histogram({
    name: "switchboard_retention_pass_seconds",
    help: "One retention pass over every table",
    buckets: [0.01, 0.1, 1, 10, 60, 300, 1800],
    registers: [registry],
  });
  const render = async () => {
    const others = options.otherThreads ? await options.otherThreads() : [];
    const merged = others.length > 0 ? AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...others]) : registry;
    return { contentType: registry.contentType, body: (await processRegistry.metrics()) + (await merged.metrics()) };
  };
  return {
    registry,
    snapshot: () => registry.getMetricsAsJSON(),
    webhookAcknowledged: (outcome, seconds) => {
      ack.observe({ outcome }, seconds);
    },
    turnDecided: (turn) => {
      turnWait.observe(turn.waitedSeconds);
      turnDecide.observe({ source: turn.source }, turn.decideSeconds);
      decisions.inc({ route: turn.route, source: turn.source });
      if (turn.fallbackCause) fallbacks.inc({ cause: turn.fallbackCause });
    },
    handedOver: (h) => {
      handovers.inc({ division: h.division, availability: h.availability, handed_over: String(h.handedOver) });
    },
    llmCalled: (call) => {
      llm.observe({ provider: call.provider, outcome: call.ok ? "ok" : "error" }, call.seconds);
      if (call.failureKind) llmErrors.inc({ provider: call.provider, kind: call.failureKind });
      if (!call.tokens) return;
      const labels = { provider: call.provider, model: call.model };
      tokens.inc({ ...labels, kind: "prompt" }, call.tokens.prompt);
      tokens.inc({ ...labels, kind: "cached" }, call.tokens.cached);
      tokens.inc({ ...labels, kind: "completion" }, call.tokens.completion);
      const usd = estimateCostUsd(call.model, call.tokens);
      if (usd !== null) cost.inc(labels, usd);
    },
    inboxCalled: (call) => {
      inbox.inc(call);
    },
    firstReplySent: (seconds) => {
      firstReply.observe(seconds);
    },
    queueClaimed: (queue, jobs) => {
      claims.inc({ queue, result: jobs > 0 ? "jobs" : "empty" });
    },
    retentionPruned: (batch) => {
      pruned.inc({ table: batch.table, action: batch.action }, batch.rows);
    },
    retentionPassed: (seconds) => {
      retentionPass.observe(seconds);
    },
    render,
  };
}

function registerGauges(registry: Registry, sources: MetricSources): void {
  // One read of the queue serves both gauges; the first to be collected makes it.
  let pendingRead: Promise<QueueStat[]> | null = null;
  const read = () => {
    pendingRead ??= sources.queues().finally(() => {
      pendingRead = null;
    });
    return pendingRead;
  };
  new Gauge({
    name: "switchboard_queue_jobs",
    help: "Unfinished jobs per queue and status",
    labelNames: ["queue", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await read()) {
        this.set({ queue: s.queue, status: "pending" }, s.pending);
        this.set({ queue: s.queue, status: "running" }, s.running);
      }
    },
  });
  new Gauge({
    name: "switchboard_queue_oldest_due_seconds",
    help: "Age of the oldest job that is due and still waiting to be claimed, per queue (0: none)",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await read()) this.set({ queue: s.queue }, s.oldestDueSeconds ?? 0);
    },
  });
  new Gauge({
    name: "switchboard_llm_concurrency",
    help: "Routing LLM calls: the current limit (lowered after 429s), in flight, waiting for a slot",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const state = sources.llmLimiter();
      this.reset();
      if (!state) return;
      this.set({ state: "limit" }, state.limit);
      this.set({ state: "in_flight" }, state.inFlight);
      this.set({ state: "waiting" }, state.waiting);
    },
  });
}
