/** Tokens of one or more calls; `prompt` includes `cached`. */
export type TokenCounts = { prompt: number; cached: number; completion: number };

/** USD per 1M tokens. `cachedInput` is the price of a prompt-cache read. */
export type ModelPrice = { input: number; cachedInput: number; output: number };

/**
 * List prices as published by OpenAI and Anthropic, taken from memory of their pricing pages as
 * of 2025-11. ESTIMATES: check the vendors' pages before budgeting. Batch discounts, Anthropic
 * cache writes (1.25× input) and long-context surcharges are ignored.
 */
export const priceTableDate = "2025-11";

export const priceTable: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
  "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
  "claude-3-5-haiku": { input: 0.8, cachedInput: 0.08, output: 4 },
  "claude-haiku-4-5": { input: 1, cachedInput: 0.1, output: 5 },
  "claude-3-5-sonnet": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-3-7-sonnet": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-sonnet-4": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-sonnet-4-5": { input: 3, cachedInput: 0.3, output: 15 },
  "claude-opus-4": { input: 15, cachedInput: 1.5, output: 75 },
  "claude-opus-4-1": { input: 15, cachedInput: 1.5, output: 75 },
};

// What vendors append to a family name: a date snapshot or an alias.
const snapshotSuffix = /^-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/**
 * The price of a model id, accepting dated snapshots and aliases (`gpt-4o-mini-2024-07-18`,
 * `claude-3-5-haiku-latest`) and router prefixes (`openai/gpt-4o`). Undefined when unknown:
 * `gpt-4o-audio-preview` is not priced as `gpt-4o`.
 */
export function priceOf(model: string): ModelPrice | undefined {
  const id = model.toLowerCase().slice(model.lastIndexOf("/") + 1);
  const exact = priceTable[id];
  if (exact) return exact;
  const family = Object.keys(priceTable).find((key) => id.startsWith(key) && snapshotSuffix.test(id.slice(key.length)));
  return family === undefined ? undefined : priceTable[family];
}

/**
 * Estimated USD for the tokens spent. `prompt` is taken to include `cached` (OpenAI's
 * convention; an Anthropic adapter adds cache reads to its input tokens). No tokens spent → 0;
 * tokens on an unknown or missing model → null, so a report never shows a made-up cost.
 */
export function estimateCostUsd(model: string | null, tokens: TokenCounts): number | null {
  if (tokens.prompt + tokens.cached + tokens.completion === 0) return 0;
  const price = model === null ? undefined : priceOf(model);
  if (price === undefined) return null;
  const uncached = Math.max(0, tokens.prompt - tokens.cached);
  const usd = uncached * price.input + tokens.cached * price.cachedInput + tokens.completion * price.output;
  return usd / 1_000_000;
}
