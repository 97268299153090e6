import { createHash } from "node:crypto";
import type { RoutingLlm, RoutingRequest, RoutingResponse } from "../../../llm/routing-port.js";
import type { ResponseCache } from "./response-cache.js";

/** What one routing call did, for the case that made it. */
export type LlmCallRecord = {
  /** False when the call failed (nothing is stored then). */
  ok: boolean;
  fromCache: boolean;
  /** The adapter's latency; for a cached answer, the latency when it was first received. */
  latencyMs: number;
  /**
   * SHA-256 prefix of the system prompt with volatile ids replaced by their stable keys: the
   * same configuration gives the same version however often it is imported.
   */
  stablePromptVersion: string;
};

export type CachingOptions = {
  cache: ResponseCache;
  /** False for `--no-cache`: always ask the model (and store the fresh answer). */
  read: boolean;
  /**
   * Volatile id → stable key, e.g. the division ids an import just made → the export's keys.
   * The prompt names divisions by id, so without this no two imports would share a cache entry.
   */
  stableIds?: Readonly<Record<string, string>>;
  onCall?: (call: LlmCallRecord) => void;
};

const tokenPattern = /\{\{id:([^{}"\\]*)\}\}/g;

/** Rewrites text between volatile ids and `{{id:<key>}}` tokens, both ways. */
export function idCanonicalizer(stableIds: Readonly<Record<string, string>>) {
  const ids = Object.keys(stableIds).sort((a, b) => b.length - a.length);
  const pattern = ids.length === 0 ? null : new RegExp(ids.map(escapeRegExp).join("|"), "g");
  const idForKey = new Map(Object.entries(stableIds).map(([id, key]) => [key, id]));
  return {
    toStable: (text: string) => (pattern === null ? text : text.replace(pattern, (id) => `{{id:${encodeURIComponent(stableIds[id] ?? id)}}}`)),
    fromStable: (text: string) => text.replace(tokenPattern, (token, key: string) => idForKey.get(decodeURIComponent(key)) ?? token),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A routing LLM that answers from a response cache when it can, so an unchanged rerun of an
 * eval makes no LLM calls (and costs nothing). The key is SHA-256 over (provider, model, system, user,
 * schema) after volatile ids are made stable. Only successful answers are stored; a cached
 * answer returns the stored output, tokens and model, and `onCall` reports its original latency.
 */
export function createCachingRoutingLlm(llm: RoutingLlm, options: CachingOptions): RoutingLlm {
  const ids = idCanonicalizer(options.stableIds ?? {});
  return {
    provider: llm.provider,
    model: llm.model,
    async route(request: RoutingRequest, signal: AbortSignal): Promise<RoutingResponse> {
      const system = ids.toStable(request.system);
      const key = sha256(
        JSON.stringify(["switchboard.llm-cache/v1", llm.provider, llm.model, system, ids.toStable(request.user), ids.toStable(JSON.stringify(request.schema))]),
      );
      const stablePromptVersion = sha256(system).slice(0, 12);
      const hit = options.read ? await options.cache.get(key) : undefined;
      if (hit) {
        options.onCall?.({ ok: true, fromCache: true, latencyMs: hit.latencyMs, stablePromptVersion });
        return { output: JSON.parse(ids.fromStable(JSON.stringify(hit.output))) as unknown, tokens: hit.tokens, model: hit.responseModel };
      }
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let response: RoutingResponse;
      try {
        response = await llm.route(request, signal);
      } catch (error) {
        options.onCall?.({ ok: false, fromCache: false, latencyMs: elapsed(), stablePromptVersion });
        throw error;
      }
      const latencyMs = elapsed();
      await options.cache.set(key, {
        format: "switchboard.llm-cache/v1",
        provider: llm.provider,
        model: llm.model,
        output: JSON.parse(ids.toStable(JSON.stringify(response.output ?? null))) as unknown,
        responseModel: response.model,
        tokens: response.tokens,
        latencyMs,
      });
      options.onCall?.({ ok: true, fromCache: false, latencyMs, stablePromptVersion });
      return response;
    },
  };
}
