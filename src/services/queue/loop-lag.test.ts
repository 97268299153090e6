import { describe, expect, it } from "vitest";
import { watchLoopLag } from "./loop-lag.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watching the event loop's lag", () => {
  it("reads near zero on an idle loop and rises when the loop is held up", async () => {
    const lag = watchLoopLag(10);
    try {
      await sleep(100);
      expect(lag.lagMs()).toBeLessThan(60);
      const until = performance.now() + 600;
      while (performance.now() < until) {
        // Hold the event loop, as a burst of synchronous work would.
      }
      // The overdue sample was due first, so it runs before this timer in the next timers phase.
      await sleep(1);
      expect(lag.lagMs()).toBeGreaterThan(120);
    } finally {
      lag.stop();
    }
  });
});
