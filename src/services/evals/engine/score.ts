import { botLabel, clarifyLabel, confusionMatrix, expectedLabel, perLabelMetrics, predictedLabel, ratio } from "./labels.js";
import { nearestRank } from "./percentile.js";
import { estimateCostUsd } from "../../../domain/llm-prices.js";
import { reliability } from "../../../ml/classifier/calibration.js";
import type { Calibration, CaseOutcome, CaseResult, MisroutedCase, OutcomeSource, Report, ReportMeta, TokenCounts } from "./report-types.js";

export type { CaseOutcome, Report, ReportMeta } from "./report-types.js";

/**
 * Scores what the router did with each case. Every ratio with an empty denominator is 0 (no
 * NaN in JSON): e.g. handover precision when nothing was handed over. A `clarify` counts as
 * wrong for accuracy and as "kept with the bot" for handover precision/recall.
 *
 * Latency percentiles are nearest-rank over every case's `latencyMs` as given (the runner
 * decides what a cached response reports). Tokens and cost sum every case's recorded usage,
 * cached responses included, so a rerun served from the cache reports the same spend as the
 * run that filled it; `cachedResponses` says how many were reused.
 */
export function scoreOutcomes(outcomes: readonly CaseOutcome[], meta: ReportMeta): Report {
  const cases = outcomes.map(caseResult);
  const n = cases.length;
  const tokens = sumTokens(outcomes);
  return {
    n,
    accuracy: ratio(cases.filter((c) => c.correct).length, n),
    handover: handoverMetrics(outcomes),
    perLabel: perLabelMetrics(cases),
    confusion: confusionMatrix(cases),
    latencyMs: {
      p50: nearestRank(
        outcomes.map((o) => o.latencyMs),
        50,
      ),
      p95: nearestRank(
        outcomes.map((o) => o.latencyMs),
        95,
      ),
    },
    tokens,
    promptVersion: meta.promptVersion,
    datasetSha256: meta.datasetSha256,
    clarifyRate: ratio(cases.filter((c) => c.predicted === clarifyLabel).length, n),
    fallbackRate: ratio(cases.filter((c) => c.source === "fallback").length, n),
    sourceCounts: countSources(cases),
    estimatedCostUsd: estimateCostUsd(meta.model, tokens),
    model: meta.model,
    provider: meta.provider,
    cachedResponses: outcomes.filter((o) => o.fromCache).length,
    generatedAt: meta.generatedAt,
    misrouted: misroutedCases(outcomes, cases),
    cases,
    calibration: calibrationOf(outcomes, cases),
    safety: {
      outsideActiveSet: outcomes.filter((o) => o.safety?.outsideActiveSet).map((o) => o.id),
      promptLeaks: outcomes.filter((o) => o.safety?.leaksPrompt).map((o) => o.id),
    },
  };
}

/**
 * Reliability of the judged decisions: does "0.8 sure" mean right four times in five? A clarifying
 * question counts by the label the router was weighing, its confidence being that label's: the
 * division it names, or the bot when it names none.
 */
function calibrationOf(outcomes: readonly CaseOutcome[], cases: readonly CaseResult[]): Calibration {
  const judged = cases.flatMap((c, i) => {
    const o = outcomes[i];
    if (!o || (c.source !== "llm" && c.source !== "fallback")) return [];
    const correct = o.predicted.route === "clarify" ? (o.predicted.divisionId ?? botLabel) === c.expected : c.correct;
    return [{ confidence: c.confidence, correct }];
  });
  return { decisions: judged.length, ...reliability(judged) };
}

function caseResult(o: CaseOutcome): CaseResult {
  const expected = expectedLabel(o);
  const predicted = predictedLabel(o);
  return {
    id: o.id,
    text: o.text,
    expected,
    predicted,
    correct: expected === predicted,
    source: o.predicted.source,
    confidence: o.predicted.confidence,
  };
}

/** Positive = "needs a human": expected route handover vs predicted route handover (any division). */
function handoverMetrics(outcomes: readonly CaseOutcome[]): Report["handover"] {
  const needsHuman = outcomes.filter((o) => o.expected.route === "handover");
  const handedOver = outcomes.filter((o) => o.predicted.route === "handover");
  const both = needsHuman.filter((o) => o.predicted.route === "handover").length;
  return { precision: ratio(both, handedOver.length), recall: ratio(both, needsHuman.length) };
}

function sumTokens(outcomes: readonly CaseOutcome[]): TokenCounts {
  const total: TokenCounts = { prompt: 0, cached: 0, completion: 0 };
  for (const { tokens } of outcomes) {
    if (tokens === null) continue;
    total.prompt += tokens.prompt;
    total.cached += tokens.cached;
    total.completion += tokens.completion;
  }
  return total;
}

function countSources(cases: readonly CaseResult[]): Record<OutcomeSource, number> {
  const counts: Record<OutcomeSource, number> = { flow: 0, llm: 0, fallback: 0, policy: 0 };
  for (const c of cases) counts[c.source] += 1;
  return counts;
}

/** Confident mistakes first: they are the ones a prompt change most needs to fix. */
function misroutedCases(outcomes: readonly CaseOutcome[], cases: readonly CaseResult[]): MisroutedCase[] {
  const wrong: MisroutedCase[] = [];
  cases.forEach((c, i) => {
    if (c.correct) return;
    const reason = outcomes[i]?.predicted.reason ?? "";
    wrong.push({ id: c.id, text: c.text, expected: c.expected, predicted: c.predicted, reason, confidence: c.confidence, source: c.source });
  });
  return wrong.sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id));
}
