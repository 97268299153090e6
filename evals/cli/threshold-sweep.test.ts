import { describe, expect, it } from "vitest";
import type { HeldOutReading } from "./cross-validate.js";
import { heldOutCalibration, sweepThresholds } from "./threshold-sweep.js";

const reading = (expected: string, ...ranked: [string, number][]): HeldOutReading => ({
  text: expected,
  expected,
  ranked: ranked.map(([label, probability]) => ({ label, probability })),
});

// Worked by hand with chooseLabel: a person is needed when P(bot) < 0.5, then the team weighs
// P(division) / (1 − P(bot)).
const readings = [
  reading("cards", ["cards", 0.9], ["bot", 0.1]),
  reading("bot", ["bot", 0.8], ["cards", 0.2]),
  // The bot, sure and wrong: a missed handover.
  reading("fraud", ["bot", 0.7], ["fraud", 0.3]),
  // Fraud given a person: 0.34 / 0.8 = 0.425.
  reading("fraud", ["fraud", 0.34], ["cards", 0.3], ["bot", 0.2], ["loans", 0.16]),
  // A person is more likely than not (0.6), cards 0.7 of it: a needless handover.
  reading("bot", ["cards", 0.42], ["bot", 0.4], ["fraud", 0.18]),
  reading("bot", ["bot", 0.55], ["cards", 0.45]),
  // Fraud given a person: 0.3 / 0.78 = 0.385, and fraud is wrong.
  reading("cards", ["fraud", 0.3], ["cards", 0.28], ["bot", 0.22], ["loans", 0.2]),
];

describe("the threshold sweep", () => {
  it("scores the trained router's own rule: below the threshold, the clarifying question", () => {
    const [low, high] = sweepThresholds(readings, [0.4, 0.6]);
    // 0.4: only the last asks, in place of a wrong team; right: 1, 2, 4, 6.
    expect(low).toEqual({
      threshold: 0.4,
      clarifyRate: 1 / 7,
      accuracy: 4 / 7,
      answeredAccuracy: 4 / 6,
      questionsAvertingAMistake: 1,
      handoverPrecision: 2 / 3,
      handoverRecall: 2 / 4,
    });
    // 0.6: 4 and 6 ask too, although their choice was right; right: 1, 2.
    expect(high).toEqual({
      threshold: 0.6,
      clarifyRate: 3 / 7,
      accuracy: 2 / 7,
      answeredAccuracy: 2 / 4,
      questionsAvertingAMistake: 1 / 3,
      handoverPrecision: 1 / 2,
      handoverRecall: 1 / 4,
    });
  });

  it("draws the reliability diagram of the first choices", () => {
    const calibration = heldOutCalibration(readings);
    expect(calibration.decisions).toBe(7);
    expect(calibration.bins[3]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(calibration.bins[7]).toMatchObject({ count: 1, accuracy: 0 });
  });
});
