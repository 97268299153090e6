// What a confidence threshold costs and buys, read off held-out readings (cross-validate.ts) with
// the trained router's own rule (chooseLabel): below the threshold the turn gets the clarifying
// question. Scored as the eval runner scores (score.ts): a question is never a correct answer and
// counts as "kept with the bot" for handover precision and recall.
import { botLabel } from "../../src/domain/labels.js";
import { reliability } from "../../src/ml/classifier/calibration.js";
import { chooseLabel } from "../../src/services/turn/decide/model-router.js";
import type { HeldOutReading } from "./cross-validate.js";
import { ratio } from "../../src/services/evals/engine/labels.js";
import type { Calibration } from "../../src/services/evals/engine/report-types.js";

export type ThresholdRow = {
  threshold: number;
  clarifyRate: number;
  /** Questions counted as errors, as the eval runner does. */
  accuracy: number;
  /** Over the turns that got an answer (questions set aside). */
  answeredAccuracy: number;
  /** Of the questions asked, how many stood in for a wrong choice (the others were needless). */
  questionsAvertingAMistake: number;
  handoverPrecision: number;
  handoverRecall: number;
};

/** The rule's outcome for one reading at one threshold: the label it leans to, and whether it asks instead. */
function decide(reading: HeldOutReading, threshold: number): { label: string | undefined; asks: boolean } {
  const choice = chooseLabel(reading.ranked, threshold);
  return { label: choice?.best.label, asks: !choice?.sure };
}

export function sweepThresholds(readings: readonly HeldOutReading[], thresholds: readonly number[]): ThresholdRow[] {
  const needsHuman = readings.filter((r) => r.expected !== botLabel).length;
  return thresholds.map((threshold) => {
    let correct = 0;
    let asked = 0;
    let averted = 0;
    let handedOver = 0;
    let rightHandovers = 0;
    for (const r of readings) {
      const { label, asks } = decide(r, threshold);
      if (asks) {
        asked += 1;
        if (label !== r.expected) averted += 1;
        continue;
      }
      if (label === r.expected) correct += 1;
      if (label === botLabel) continue;
      handedOver += 1;
      if (r.expected !== botLabel) rightHandovers += 1;
    }
    return {
      threshold,
      clarifyRate: ratio(asked, readings.length),
      accuracy: ratio(correct, readings.length),
      answeredAccuracy: ratio(correct, readings.length - asked),
      questionsAvertingAMistake: ratio(averted, asked),
      handoverPrecision: ratio(rightHandovers, handedOver),
      handoverRecall: ratio(rightHandovers, needsHuman),
    };
  });
}

/** The reliability diagram of the first choices: is "0.7 sure" right seven times in ten? */
export function heldOutCalibration(readings: readonly HeldOutReading[]): Calibration {
  const points = readings.map((r) => ({ confidence: r.ranked[0]?.probability ?? 0, correct: r.ranked[0]?.label === r.expected }));
  return { decisions: points.length, ...reliability(points) };
}
