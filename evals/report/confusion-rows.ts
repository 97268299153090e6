import { clarifyLabel, unnamedHandoverLabel } from "../../src/services/evals/engine/labels.js";

/**
 * Rows the confusion tables leave out: `clarify` and an unnamed handover are never expected
 * labels, so their rows would be all zeros. Their columns stay.
 */
export function neverExpected(label: string, rowCounts: readonly number[]): boolean {
  return (label === clarifyLabel || label === unnamedHandoverLabel) && rowCounts.every((c) => c === 0);
}
