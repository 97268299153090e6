/**
 * The one port every routing LLM adapter implements. Adapters translate this request into their
 * vendor's API and the answer back; they neither retry nor time out on their own (the routing
 * service owns the deadline, the retry budget and the circuit breaker).
 */
export type RoutingRequest = {
  /** Stable instructions, divisions and flows: identical across turns so prompt caching hits. */
  system: string;
  /** The per-turn part: few-shot examples, recent turns and the customer's message as data. */
  user: string;
  /** JSON Schema of the answer (already narrowed to the bot's ids). */
  schema: Record<string, unknown>;
};

import type { TokenCounts } from "../domain/llm-prices.js";

export type { TokenCounts };

export type RoutingResponse = {
  /** The parsed JSON the model produced; validated by the caller. */
  output: unknown;
  tokens: TokenCounts;
  model: string;
};

export type LlmFailureKind = "timeout" | "rate_limited" | "overloaded" | "server" | "network" | "refusal" | "malformed" | "client";

/** A failed routing call, classified so the caller can decide whether a retry may help. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    readonly status: number | null = null,
    /** How long the provider asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "LlmError";
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "overloaded" || this.kind === "server" || this.kind === "network";
  }
}

export type RoutingLlm = {
  readonly provider: "openai" | "anthropic";
  readonly model: string;
  route(request: RoutingRequest, signal: AbortSignal): Promise<RoutingResponse>;
};
