import { describe, expect, it } from "vitest";
import { batchLoader } from "./batch-loader.js";

describe("batchLoader", () => {
  it("answers lookups made together with one load, each with its own value", async () => {
    const loads: number[][] = [];
    const load = batchLoader((keys: number[]) => {
      loads.push(keys);
      return Promise.resolve(new Map(keys.filter((k) => k !== 3).map((k) => [k, k * 10])));
    });
    const values = await Promise.all([load(1), load(2), load(1), load(3)]);
    expect(values).toEqual([10, 20, 10, undefined]);
    expect(loads).toEqual([[1, 2, 3]]);
    expect(await load(4)).toBe(40);
    expect(loads).toHaveLength(2);
  });

  it("fails every lookup of a batch whose load fails", async () => {
    const load = batchLoader<number, number>(() => Promise.reject(new Error("down")));
    await expect(Promise.all([load(1), load(2)])).rejects.toThrow("down");
  });
});
