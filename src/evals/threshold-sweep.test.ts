import { describe, expect, it } from "vitest";
import type { HeldOutReading } from "./cross-validate.js";
import { heldOutCalibration, sweepThresholds } from "./threshold-sweep.js";

const reading = (expected: string, ...ranked: [string, number][]): HeldOutReading => ({
  text: expected,
  expected,
  ranked: ranked.map(([label, probability]) => ({ label, probability })),
});

// Worked by hand: two sure and right, one sure and wrong, two unsure (one of them right).
const readings = [
  reading("cards", ["cards", 0.9], ["bot", 0.1]),
  reading("bot", ["bot", 0.8], ["cards", 0.2]),
  reading("fraud", ["bot", 0.7], ["fraud", 0.3]),
  reading("fraud", ["fraud", 0.45], ["cards", 0.4], ["bot", 0.15]),
  reading("bot", ["cards", 0.42], ["bot", 0.4], ["fraud", 0.18]),
];

describe("the threshold sweep", () => {
  it("scores the trained router's own rule: below the threshold, the clarifying question", () => {
    const [low, high] = sweepThresholds(readings, [0.4, 0.5]);
    // 0.4: every first choice answers; right: cards, bot, fraud (0.45).
    expect(low).toEqual({ threshold: 0.4, clarifyRate: 0, accuracy: 0.6, answeredAccuracy: 0.6, questionsAvertingAMistake: 0, handoverPrecision: 2 / 3, handoverRecall: 2 / 3 });
    // 0.5: the last two are asked; one of the two questions stood in for a wrong first choice.
    expect(high).toEqual({ threshold: 0.5, clarifyRate: 0.4, accuracy: 0.4, answeredAccuracy: 2 / 3, questionsAvertingAMistake: 0.5, handoverPrecision: 1, handoverRecall: 1 / 3 });
  });

  it("draws the reliability diagram of the first choices", () => {
    const calibration = heldOutCalibration(readings);
    expect(calibration.decisions).toBe(5);
    expect(calibration.bins[4]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(calibration.bins[7]).toMatchObject({ count: 1, accuracy: 0 });
  });
});
