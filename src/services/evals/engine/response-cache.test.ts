import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CachedResponse, createFileResponseCache } from "./response-cache.js";

const dir = mkdtempSync(join(tmpdir(), "response-cache-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const key = "a".repeat(64);
const entry: CachedResponse = {
  format: "switchboard.llm-cache/v1",
  provider: "openai",
  model: "gpt-4o-mini",
  output: { action: "handover", division_id: "{{id:cards}}" },
  responseModel: "gpt-4o-mini-2024-07-18",
  tokens: { prompt: 10, cached: 0, completion: 2 },
  latencyMs: 321,
};

describe("createFileResponseCache", () => {
  it("stores one JSON file per key and reads it back", async () => {
    const cache = createFileResponseCache(join(dir, "cache"));
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, entry);
    expect(readdirSync(join(dir, "cache"))).toEqual([`${key}.json`]);
    expect(await createFileResponseCache(join(dir, "cache")).get(key)).toEqual(entry);
  });

  it("treats a damaged entry as a miss and refuses keys that could escape the folder", async () => {
    const cache = createFileResponseCache(dir);
    writeFileSync(join(dir, `${"b".repeat(64)}.json`), '{"format": "switchboard.llm-cache/v1", "outp');
    expect(await cache.get("b".repeat(64))).toBeUndefined();
    await expect(cache.get("../../etc/passwd")).rejects.toThrow("not a SHA-256 hex key");
  });
});
