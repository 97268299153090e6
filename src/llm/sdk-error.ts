import { LlmError } from "./routing-port.js";

// Both vendor SDKs are generated from the same toolkit and share these error class shapes.
type SdkErrors = {
  APIError: abstract new (...args: never[]) => Error & { status: number | undefined; headers: Headers | undefined };
  APIUserAbortError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
};

/** Maps an SDK exception onto our failure kinds (429 → rate limited, 529 → overloaded, …). */
export function toLlmError(error: unknown, sdk: SdkErrors, signal: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted || error instanceof sdk.APIUserAbortError || error instanceof sdk.APIConnectionTimeoutError) {
    return new LlmError("timeout", "the routing call ran out of time");
  }
  if (error instanceof sdk.APIConnectionError) return new LlmError("network", error.message);
  if (error instanceof sdk.APIError) {
    const status = error.status ?? null;
    if (status === 429) return new LlmError("rate_limited", error.message, status, retryAfterMs(error.headers));
    if (status === 529) return new LlmError("overloaded", error.message, status, retryAfterMs(error.headers));
    if (status !== null && status >= 500) return new LlmError("server", error.message, status);
    return new LlmError("client", error.message, status);
  }
  return new LlmError("network", error instanceof Error ? error.message : String(error));
}

/** Parses a model's JSON text, turning a syntax error into a classified failure. */
export function parseModelJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LlmError("malformed", `the model returned text that is not JSON: ${text.slice(0, 120)}`);
  }
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, nowMs = Date.now()): number | null {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
