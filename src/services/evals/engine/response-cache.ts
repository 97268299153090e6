import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** One successful routing answer as it was first received, with what it cost. */
export const cachedResponseSchema = z.object({
  format: z.literal("switchboard.llm-cache/v1"),
  provider: z.string(),
  model: z.string(),
  /** The model's parsed JSON, with volatile ids replaced by stable tokens (see caching-routing-llm). */
  output: z.unknown(),
  responseModel: z.string(),
  tokens: z.object({ prompt: z.number(), cached: z.number(), completion: z.number() }),
  latencyMs: z.number(),
});
export type CachedResponse = z.infer<typeof cachedResponseSchema>;

/** Where eval runs keep LLM answers, keyed by a SHA-256 hex digest. */
export type ResponseCache = {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
};

const hexKey = /^[0-9a-f]{64}$/;

function checkKey(key: string): string {
  if (!hexKey.test(key)) throw new Error(`response cache: not a SHA-256 hex key: ${key}`);
  return key;
}

/**
 * One JSON file per key under `dir`: concurrent runs never corrupt each other (write to a
 * temporary file, then rename), and an entry can be read or deleted by hand. A file that does
 * not parse is treated as a miss and overwritten by the next answer.
 */
export function createFileResponseCache(dir: string): ResponseCache {
  const fileFor = (key: string) => join(dir, `${checkKey(key)}.json`);
  return {
    async get(key) {
      let text: string;
      try {
        text = await readFile(fileFor(key), "utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      const parsed = cachedResponseSchema.safeParse(parseJson(text));
      return parsed.success ? parsed.data : undefined;
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      const file = fileFor(key);
      const temporary = `${file}.${String(process.pid)}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, `${JSON.stringify(value, null, 1)}\n`, "utf8");
      await rename(temporary, file);
    },
  };
}

/** For the impact preview and tests: answers live as long as the object. */
export function createMemoryResponseCache(): ResponseCache & { readonly size: number } {
  const entries = new Map<string, CachedResponse>();
  return {
    get: (key) => Promise.resolve(entries.get(checkKey(key))),
    set: (key, value) => {
      entries.set(checkKey(key), value);
      return Promise.resolve();
    },
    get size() {
      return entries.size;
    },
  };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A half-written or hand-edited entry is a miss, not a failed run.
    return undefined;
  }
}
