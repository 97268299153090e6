import { describe, expect, it } from "vitest";
import type { Embedder } from "../../llm/embeddings-port.js";
import { memoizingEmbedder } from "./memo-embedder.js";

function countingEmbedder(failFirst = false) {
  const calls: string[][] = [];
  let fail = failFirst;
  const embedder: Embedder = {
    model: "test",
    embed(texts) {
      calls.push(texts);
      if (fail) {
        fail = false;
        return Promise.reject(new Error("embeddings API down"));
      }
      return Promise.resolve(texts.map((t) => [t.length]));
    },
  };
  return { embedder, calls };
}

describe("memoizingEmbedder", () => {
  it("asks for each distinct text once and answers in the order asked", async () => {
    const inner = countingEmbedder();
    const memo = memoizingEmbedder(inner.embedder);
    expect(await memo.embed(["a", "bb", "a"])).toEqual([[1], [2], [1]]);
    expect(await memo.embed(["bb", "ccc"])).toEqual([[2], [3]]);
    expect(inner.calls).toEqual([["a", "bb"], ["ccc"]]);
    expect(memo.model).toBe("test");
  });

  it("forgets a failed call so the next one asks again", async () => {
    const inner = countingEmbedder(true);
    const memo = memoizingEmbedder(inner.embedder);
    await expect(memo.embed(["a"])).rejects.toThrow("embeddings API down");
    expect(await memo.embed(["a"])).toEqual([[1]]);
    expect(inner.calls).toEqual([["a"], ["a"]]);
  });
});
