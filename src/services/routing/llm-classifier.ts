import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen } from "cockatiel";
import { LlmError, type RoutingLlm, type RoutingRequest, type TokenCounts } from "../../llm/routing-port.js";

export type ClassifyResult =
  | { ok: true; output: unknown; tokens: TokenCounts; model: string; latencyMs: number; attempts: number }
  | { ok: false; failure: string; tokens: TokenCounts | null; latencyMs: number; attempts: number };

export type LlmClassifier = {
  readonly provider: string;
  readonly model: string;
  classify(request: RoutingRequest): Promise<ClassifyResult>;
};

export type LlmClassifierOptions = {
  deadlineMs: number;
  /** Consecutive availability failures that open the circuit. */
  breakAfter?: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs?: number;
  /** Pause before the one retry. */
  retryDelayMs?: number;
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

/**
 * Wraps a routing LLM in the budget the inbox allows: one hard deadline for the whole call, one
 * retry on 429/5xx/529 only if it still fits, and a circuit breaker (shared by every bot of this
 * process) that stops calling a vendor that keeps failing and half-opens to probe it again.
 * Never throws: a failure is returned with its reason for the deterministic fallback to answer.
 */
export function createLlmClassifier(llm: RoutingLlm, options: LlmClassifierOptions): LlmClassifier {
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(options.breakAfter ?? 5),
  });
  const retryDelayMs = options.retryDelayMs ?? 200;

  return {
    provider: llm.provider,
    model: llm.model,
    async classify(request) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const deadline = new AbortController();
      const timer = setTimeout(() => {
        deadline.abort();
      }, options.deadlineMs);
      let attempts = 0;
      let lastFailure: string | undefined;
      try {
        for (;;) {
          attempts++;
          const attemptStarted = performance.now();
          try {
            const answer = await breaker.execute(({ signal }) => raceDeadline(llm.route(request, signal), deadline.signal), deadline.signal);
            return { ok: true, ...answer, latencyMs: elapsed(), attempts };
          } catch (error) {
            if (error instanceof BrokenCircuitError) return { ok: false, failure: "circuit open: the LLM failed repeatedly", tokens: null, latencyMs: elapsed(), attempts };
            const failure = error instanceof LlmError ? error : new LlmError("network", String(error));
            lastFailure = `${failure.kind}${failure.status ? ` ${String(failure.status)}` : ""}: ${failure.message}`;
            const remaining = options.deadlineMs - elapsed();
            // Retry only when another attempt as long as the last one still fits in the deadline.
            const needed = retryDelayMs + Math.max(performance.now() - attemptStarted, 100);
            if (attempts > 1 || !failure.retryable || remaining < needed) break;
            await sleep(retryDelayMs, deadline.signal);
          }
        }
      } finally {
        clearTimeout(timer);
      }
      return { ok: false, failure: lastFailure, tokens: null, latencyMs: elapsed(), attempts };
    },
  };
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
