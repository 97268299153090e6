import { botLabel } from "../../../domain/labels.js";
import type { CaseOutcome, Confusion, LabelMetrics } from "./report-types.js";

export { botLabel };
export const clarifyLabel = "clarify";
/** A predicted handover that named no division (e.g. "ask which team"): never a correct answer. */
export const unnamedHandoverLabel = "handover";

/** A case's expected label: the division id for a handover, `"bot"` otherwise. */
export function expectedLabel(outcome: CaseOutcome): string {
  const { expected } = outcome;
  if (expected.route === "bot") return botLabel;
  return expected.division ?? unnamedHandoverLabel;
}

/** The predicted label: the division id for a handover, `"clarify"` for a clarifying question. */
export function predictedLabel(outcome: CaseOutcome): string {
  const { predicted } = outcome;
  if (predicted.route === "clarify") return clarifyLabel;
  if (predicted.route === "bot") return botLabel;
  return predicted.divisionId ?? unnamedHandoverLabel;
}

/** `bot` first, divisions alphabetically, then the labels that are never expected. */
export function orderLabels(labels: Iterable<string>): string[] {
  const rank = (l: string) => (l === botLabel ? 0 : l === unnamedHandoverLabel ? 2 : l === clarifyLabel ? 3 : 1);
  return [...new Set(labels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Zero-safe ratio: an empty denominator gives 0 rather than NaN, so reports stay plain JSON. */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function f1(precision: number, recall: number): number {
  return ratio(2 * precision * recall, precision + recall);
}

type Pair = { expected: string; predicted: string };

/**
 * One-vs-rest precision, recall and F1 for every label that was expected or predicted, except
 * `clarify` (an abstention, reported as `clarifyRate`). A label never predicted has precision 0;
 * a label never expected has recall 0 and support 0.
 */
export function perLabelMetrics(pairs: Pair[]): Record<string, LabelMetrics> {
  const labels = orderLabels(pairs.flatMap((p) => [p.expected, p.predicted])).filter((l) => l !== clarifyLabel);
  const result: Record<string, LabelMetrics> = {};
  for (const label of labels) {
    const truePositives = pairs.filter((p) => p.expected === label && p.predicted === label).length;
    const predictedCount = pairs.filter((p) => p.predicted === label).length;
    const support = pairs.filter((p) => p.expected === label).length;
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    result[label] = { precision, recall, f1: f1(precision, recall), support };
  }
  return result;
}

/** Square matrix over every label seen; `clarify` appears only when some case was clarified. */
export function confusionMatrix(pairs: Pair[]): Confusion {
  const labels = orderLabels(pairs.flatMap((p) => [p.expected, p.predicted]));
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const p of pairs) {
    const rowIndex = index.get(p.expected);
    const col = index.get(p.predicted);
    const row = rowIndex === undefined ? undefined : matrix[rowIndex];
    if (row !== undefined && col !== undefined) row[col] = (row[col] ?? 0) + 1;
  }
  return { labels, matrix };
}
