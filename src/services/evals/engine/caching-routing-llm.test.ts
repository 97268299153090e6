import { describe, expect, it } from "vitest";
import { LlmError, type RoutingLlm, type RoutingRequest } from "../../../llm/routing-port.js";
import { createCachingRoutingLlm, idCanonicalizer, type LlmCallRecord } from "./caching-routing-llm.js";
import { createMemoryResponseCache } from "./response-cache.js";

/** A fake model that answers with the first division id of the schema, counting its calls. */
function fakeLlm(options: { fail?: boolean } = {}) {
  const seen: RoutingRequest[] = [];
  const llm: RoutingLlm = {
    provider: "openai",
    model: "gpt-4o-mini",
    route(request) {
      seen.push(request);
      if (options.fail) return Promise.reject(new LlmError("server", "boom", 500));
      const ids = (request.schema as { enum: string[] }).enum;
      return Promise.resolve({
        output: { action: "handover", division_id: ids[0], alternatives: [{ division_id: ids[1] }], reason: "card problem" },
        tokens: { prompt: 100, cached: 20, completion: 5 },
        model: "gpt-4o-mini-2024-07-18",
      });
    },
  };
  return { llm, seen };
}

/** The same configuration as two imports would render it: only the division ids differ. */
const requestFor = (cards: string, loans: string): RoutingRequest => ({
  system: `Divisions:\n- ${cards}: Cards\n- ${loans}: Loans`,
  user: '<customer_message>"kartu saya hilang"</customer_message>',
  schema: { enum: [cards, loans] },
});

const signal = new AbortController().signal;

describe("idCanonicalizer", () => {
  it("turns volatile ids into stable tokens and back, leaving other text alone", () => {
    const ids = idCanonicalizer({ div_abc: "cards", div_abcd: "card payments" });
    const stable = ids.toStable("div_abcd or div_abc, not div_ab");
    expect(stable).toBe("{{id:card%20payments}} or {{id:cards}}, not div_ab");
    expect(ids.fromStable(stable)).toBe("div_abcd or div_abc, not div_ab");
    expect(ids.fromStable("{{id:unknown}}")).toBe("{{id:unknown}}");
  });
});

describe("createCachingRoutingLlm", () => {
  it("serves a second import of the same configuration from the cache, in that import's ids", async () => {
    const cache = createMemoryResponseCache();
    const { llm, seen } = fakeLlm();
    const calls: LlmCallRecord[] = [];
    const first = createCachingRoutingLlm(llm, { cache, read: true, stableIds: { div_a1: "cards", div_b1: "loans" }, onCall: (c) => calls.push(c) });
    const second = createCachingRoutingLlm(llm, { cache, read: true, stableIds: { div_a2: "cards", div_b2: "loans" }, onCall: (c) => calls.push(c) });

    const fresh = await first.route(requestFor("div_a1", "div_b1"), signal);
    const cached = await second.route(requestFor("div_a2", "div_b2"), signal);

    expect(seen).toHaveLength(1);
    expect(cache.size).toBe(1);
    expect(fresh.output).toMatchObject({ division_id: "div_a1", alternatives: [{ division_id: "div_b1" }] });
    expect(cached).toEqual({
      output: { action: "handover", division_id: "div_a2", alternatives: [{ division_id: "div_b2" }], reason: "card problem" },
      tokens: { prompt: 100, cached: 20, completion: 5 },
      model: "gpt-4o-mini-2024-07-18",
    });
    expect(calls.map((c) => c.fromCache)).toEqual([false, true]);
    expect(calls[1]?.latencyMs).toBe(calls[0]?.latencyMs);
    expect(calls[1]?.stablePromptVersion).toBe(calls[0]?.stablePromptVersion);
    expect(calls[0]?.stablePromptVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it("asks again when reading is off, when the prompt changes, and for another model", async () => {
    const cache = createMemoryResponseCache();
    const { llm, seen } = fakeLlm();
    const ids = { div_a: "cards", div_b: "loans" };
    await createCachingRoutingLlm(llm, { cache, read: true, stableIds: ids }).route(requestFor("div_a", "div_b"), signal);
    await createCachingRoutingLlm(llm, { cache, read: false, stableIds: ids }).route(requestFor("div_a", "div_b"), signal);
    const edited = { ...requestFor("div_a", "div_b"), system: "Divisions:\n- div_a: Cards & PINs\n- div_b: Loans" };
    await createCachingRoutingLlm(llm, { cache, read: true, stableIds: ids }).route(edited, signal);
    await createCachingRoutingLlm({ ...llm, model: "gpt-4o" }, { cache, read: true, stableIds: ids }).route(requestFor("div_a", "div_b"), signal);
    expect(seen).toHaveLength(4);
    expect(cache.size).toBe(3);
  });

  it("stores nothing when the call fails, and reports the failed call", async () => {
    const cache = createMemoryResponseCache();
    const calls: LlmCallRecord[] = [];
    const caching = createCachingRoutingLlm(fakeLlm({ fail: true }).llm, { cache, read: true, onCall: (c) => calls.push(c) });
    await expect(caching.route(requestFor("div_a", "div_b"), signal)).rejects.toThrow("boom");
    expect(cache.size).toBe(0);
    expect(calls).toMatchObject([{ ok: false, fromCache: false }]);
  });
});
