import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen } from "cockatiel";
import { LlmError, type RoutingLlm, type RoutingRequest, type TokenCounts } from "../../../llm/routing-port.js";
import type { Metrics } from "../../../metrics/metrics.js";
import { createLlmLimiter, type LlmLimiter, type Permit } from "./llm-limiter.js";

export type BudgetedCallResult =
  | { ok: true; output: unknown; tokens: TokenCounts; model: string; latencyMs: number; attempts: number }
  | { ok: false; failure: string; tokens: TokenCounts | null; latencyMs: number; attempts: number; overBudget?: true };

export type LlmBudget = {
  readonly provider: string;
  readonly model: string;
  /**
   * `maxWaitMs`: how long this turn may still wait for a free call slot (its wait budget); a turn
   * that gets none in time is answered `overBudget` without calling the LLM.
   */
  call(request: RoutingRequest, options?: { maxWaitMs?: number }): Promise<BudgetedCallResult>;
  /** The concurrency limiter (for metrics). */
  readonly limiter: LlmLimiter;
};

export type LlmBudgetOptions = {
  deadlineMs: number;
  /** Consecutive availability failures that open the circuit. */
  breakAfter?: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs?: number;
  /** Pause before the one retry. */
  retryDelayMs?: number;
  /** Calls in flight at once (AIMD below this on 429/529); unlimited when absent. */
  maxConcurrency?: number;
  metrics?: Pick<Metrics, "llmCalled">;
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

// Only the vendor being unavailable should open the circuit; a model's bad answer says nothing about that.
const isOutage = (error: Error) => error instanceof LlmError && (error.retryable || error.kind === "timeout");

type Attempt = { ok: true; answer: Awaited<ReturnType<RoutingLlm["route"]>> } | { ok: false; error: LlmError } | { ok: false; circuitOpen: true };

/**
 * Wraps a routing LLM in the budget the inbox allows: a bounded number of calls in flight (the
 * limiter, which backs off on 429/529), one hard deadline for the whole call, one retry on
 * 429/5xx/529 only if it still fits, and a circuit breaker (shared by every bot of this process)
 * that stops calling a vendor that keeps failing and half-opens to probe it again.
 * Never throws: a failure is returned with its reason for the deterministic fallback to answer.
 */
export function createLlmBudget(llm: RoutingLlm, options: LlmBudgetOptions): LlmBudget {
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(options.breakAfter ?? 5),
  });
  const retryDelayMs = options.retryDelayMs ?? 200;
  const limiter = createLlmLimiter({ max: options.maxConcurrency ?? Number.MAX_SAFE_INTEGER });

  /** One call under a permit; the permit goes back with what the provider said. */
  async function attempt(permit: Permit, request: RoutingRequest, deadline: AbortSignal): Promise<Attempt> {
    try {
      const answer = await breaker.execute(({ signal }) => raceDeadline(llm.route(request, signal), deadline), deadline);
      permit.release("ok");
      return { ok: true, answer };
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        permit.release("failed");
        return { ok: false, circuitOpen: true };
      }
      const failure = error instanceof LlmError ? error : new LlmError("network", String(error));
      const overloaded = failure.kind === "rate_limited" || failure.kind === "overloaded";
      permit.release(overloaded ? "overloaded" : "failed", failure.retryAfterMs);
      return { ok: false, error: failure };
    }
  }

  const call = async (request: RoutingRequest, callOptions: { maxWaitMs?: number } = {}): Promise<BudgetedCallResult> => {
    const result = await callWithin(request, callOptions);
    // A turn refused a slot never called the LLM: nothing to count.
    if (!(!result.ok && result.overBudget)) {
      const failureKind = result.ok ? null : (result.failure.split(/[ :]/)[0] ?? "error");
      options.metrics?.llmCalled({
        provider: llm.provider,
        model: result.ok ? result.model : llm.model,
        ok: result.ok,
        failureKind,
        seconds: result.latencyMs / 1000,
        tokens: result.tokens,
      });
    }
    return result;
  };

  async function callWithin(request: RoutingRequest, callOptions: { maxWaitMs?: number }): Promise<BudgetedCallResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const failed = (failure: string, attempts: number) => ({ ok: false as const, failure, tokens: null, latencyMs: elapsed(), attempts });
    const first = await limiter.acquire(callOptions.maxWaitMs ?? Number.POSITIVE_INFINITY);
    if (!first) return { ...failed(`no LLM call slot within the turn's wait budget (waited ${String(elapsed())} ms)`, 0), overBudget: true as const };
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort();
    }, options.deadlineMs);
    try {
      let permit: Permit | null = first;
      for (let attempts = 1; ; attempts++) {
        const attemptStarted = performance.now();
        const result = await attempt(permit, request, deadline.signal);
        if (result.ok) return { ok: true, ...result.answer, latencyMs: elapsed(), attempts };
        if ("circuitOpen" in result) return failed("circuit open: the LLM failed repeatedly", attempts);
        const failure = result.error;
        const reason = `${failure.kind}${failure.status ? ` ${String(failure.status)}` : ""}: ${failure.message}`;
        // Retry only when another attempt as long as the last one still fits in the deadline.
        const needed = retryDelayMs + Math.max(performance.now() - attemptStarted, 100);
        if (attempts > 1 || !failure.retryable || options.deadlineMs - elapsed() < needed) return failed(reason, attempts);
        await sleep(retryDelayMs, deadline.signal);
        // The retry waits its turn like any call: after a 429 the limiter is paused and smaller.
        permit = await limiter.acquire(options.deadlineMs - elapsed() - (needed - retryDelayMs));
        if (!permit) return failed(reason, attempts);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return { provider: llm.provider, model: llm.model, limiter, call };
}

/** The adapter is given the signal too, but a misbehaving socket must not hold us past the deadline. */
function raceDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new LlmError("timeout", "the routing call ran out of time"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(new LlmError("timeout", "the routing call ran out of time"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
