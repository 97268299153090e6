import { describe, expect, it } from "vitest";
import { estimateCostUsd, priceOf, priceTable } from "./llm-prices.js";

describe("priceOf", () => {
  it("matches families, dated snapshots, aliases and router prefixes", () => {
    expect(priceOf("gpt-4o-mini")).toBe(priceTable["gpt-4o-mini"]);
    expect(priceOf("gpt-4o-mini-2024-07-18")).toBe(priceTable["gpt-4o-mini"]);
    expect(priceOf("gpt-4o-2024-08-06")).toBe(priceTable["gpt-4o"]);
    expect(priceOf("claude-3-5-haiku-20241022")).toBe(priceTable["claude-3-5-haiku"]);
    expect(priceOf("claude-3-5-haiku-latest")).toBe(priceTable["claude-3-5-haiku"]);
    expect(priceOf("claude-sonnet-4-20250514")).toBe(priceTable["claude-sonnet-4"]);
    expect(priceOf("claude-sonnet-4-5-20250929")).toBe(priceTable["claude-sonnet-4-5"]);
    expect(priceOf("openai/GPT-4.1-mini")).toBe(priceTable["gpt-4.1-mini"]);
  });

  it("does not price a different model that shares a prefix", () => {
    expect(priceOf("gpt-4o-audio-preview")).toBeUndefined();
    expect(priceOf("llama-3.1-8b")).toBeUndefined();
  });
});

describe("estimateCostUsd", () => {
  it("charges uncached prompt, cached prompt and completion tokens at their own prices", () => {
    // claude-sonnet-4: (600k × 3 + 400k × 0.30 + 100k × 15) / 1M = 1.8 + 0.12 + 1.5
    expect(estimateCostUsd("claude-sonnet-4", { prompt: 1_000_000, cached: 400_000, completion: 100_000 })).toBeCloseTo(3.42, 10);
  });

  it("is 0 with no tokens and null for tokens on an unknown or missing model", () => {
    expect(estimateCostUsd(null, { prompt: 0, cached: 0, completion: 0 })).toBe(0);
    expect(estimateCostUsd("mystery", { prompt: 10, cached: 0, completion: 1 })).toBeNull();
    expect(estimateCostUsd(null, { prompt: 10, cached: 0, completion: 1 })).toBeNull();
  });
});
