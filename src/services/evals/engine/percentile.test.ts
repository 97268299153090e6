import { describe, expect, it } from "vitest";
import { nearestRank } from "./percentile.js";

describe("nearestRank", () => {
  it("returns observed values at rank ⌈p·n⌉", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(nearestRank(twenty, 50)).toBe(100); // rank 10
    expect(nearestRank(twenty, 95)).toBe(190); // rank 19
    expect(nearestRank(twenty, 100)).toBe(200);
  });

  it("does not depend on input order and handles tiny lists", () => {
    expect(nearestRank([30, 10, 20], 50)).toBe(20); // rank 2
    expect(nearestRank([30, 10, 20], 95)).toBe(30); // rank 3
    expect(nearestRank([7], 0)).toBe(7);
    expect(nearestRank([], 95)).toBe(0);
  });
});
