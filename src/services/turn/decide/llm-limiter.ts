/**
 * How many routing calls may be in flight at once, adapting to the provider (AIMD, as TCP does):
 * a 429 or an overload halves the limit and pauses new calls for the Retry-After the provider
 * asked for; every success raises it again by 1/limit, up to the configured maximum. A call that
 * cannot get a permit within its wait budget is told so, and the turn is decided without the LLM:
 * the pipeline slows down instead of failing turns, and no turn queues forever behind the LLM.
 */
export type LlmLimiter = {
  /** A permit within `maxWaitMs`, or null when none came in time. */
  acquire(maxWaitMs: number): Promise<Permit | null>;
  /** The current limit, calls in flight and calls waiting (for metrics). */
  state(): { limit: number; inFlight: number; waiting: number };
};

export type Permit = {
  /** `overloaded`: the provider said 429/529; `retryAfterMs` is its Retry-After, if it gave one. */
  release(outcome: "ok" | "overloaded" | "failed", retryAfterMs?: number | null): void;
};

type Waiter = { grant: (permit: Permit | null) => void; timer: ReturnType<typeof setTimeout> | null };

const defaultPauseMs = 1000;

export function createLlmLimiter(options: { max: number; now?: () => number }): LlmLimiter {
  const now = options.now ?? (() => Date.now());
  let limit = options.max;
  let inFlight = 0;
  let pausedUntil = 0;
  let resumeTimer: ReturnType<typeof setTimeout> | null = null;
  const waiters: Waiter[] = [];

  const capacity = () => Math.max(1, Math.floor(limit));

  function permit(): Permit {
    let released = false;
    return {
      release(outcome, retryAfterMs) {
        if (released) return;
        released = true;
        inFlight--;
        if (outcome === "overloaded") {
          limit = Math.max(1, limit / 2);
          pausedUntil = Math.max(pausedUntil, now() + (retryAfterMs ?? defaultPauseMs));
        } else if (outcome === "ok") {
          limit = Math.min(options.max, limit + 1 / limit);
        }
        grantWaiting();
      },
    };
  }

  function grantWaiting(): void {
    const pause = pausedUntil - now();
    if (pause > 0) {
      if (resumeTimer === null && waiters.length > 0) {
        resumeTimer = setTimeout(() => {
          resumeTimer = null;
          grantWaiting();
        }, pause);
      }
      return;
    }
    while (waiters.length > 0 && inFlight < capacity()) {
      const waiter = waiters.shift();
      if (!waiter) break;
      if (waiter.timer) clearTimeout(waiter.timer);
      inFlight++;
      waiter.grant(permit());
    }
  }

  return {
    acquire(maxWaitMs) {
      if (waiters.length === 0 && inFlight < capacity() && now() >= pausedUntil) {
        inFlight++;
        return Promise.resolve(permit());
      }
      if (maxWaitMs <= 0) return Promise.resolve(null);
      return new Promise((resolve) => {
        const waiter: Waiter = { grant: resolve, timer: null };
        waiter.timer = Number.isFinite(maxWaitMs)
          ? setTimeout(() => {
              const at = waiters.indexOf(waiter);
              if (at >= 0) waiters.splice(at, 1);
              resolve(null);
            }, maxWaitMs)
          : null;
        waiters.push(waiter);
        grantWaiting();
      });
    },
    state: () => ({ limit: capacity(), inFlight, waiting: waiters.length }),
  };
}
