import type { LabelMetrics, Report } from "./report-types.js";

/** `delta` = after − before; null when either side is unknown (e.g. an unpriced model's cost). */
export type Delta = { before: number | null; after: number | null; delta: number | null };

export const comparedMetrics = [
  "accuracy",
  "handoverPrecision",
  "handoverRecall",
  "clarifyRate",
  "fallbackRate",
  "latencyP50Ms",
  "latencyP95Ms",
  "promptTokens",
  "cachedTokens",
  "completionTokens",
  "estimatedCostUsd",
] as const;
export type ComparedMetric = (typeof comparedMetrics)[number];

export type LabelDelta = { precision: Delta; recall: Delta; f1: Delta; support: Delta };

/** fixed: was wrong, now right; broken: was right, now wrong; changed: wrong both times, differently. */
export type ChangeKind = "fixed" | "broken" | "changed";

export type ChangedCase = {
  id: string;
  text: string;
  expected: string;
  before: string;
  after: string;
  change: ChangeKind;
};

export type Comparison = {
  metrics: Record<ComparedMetric, Delta>;
  perLabel: Record<string, LabelDelta>;
  changedCases: ChangedCase[];
  /** Case ids present in only one of the two reports (not compared). */
  unmatched: { onlyCurrent: number; onlyBaseline: number };
  sameDataset: boolean;
  baseline: { promptVersion: string | null; model: string | null; generatedAt: string };
};

function delta(before: number | null, after: number | null): Delta {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

function metricValues(r: Report): Record<ComparedMetric, number | null> {
  return {
    accuracy: r.accuracy,
    handoverPrecision: r.handover.precision,
    handoverRecall: r.handover.recall,
    clarifyRate: r.clarifyRate,
    fallbackRate: r.fallbackRate,
    latencyP50Ms: r.latencyMs.p50,
    latencyP95Ms: r.latencyMs.p95,
    promptTokens: r.tokens.prompt,
    cachedTokens: r.tokens.cached,
    completionTokens: r.tokens.completion,
    estimatedCostUsd: r.estimatedCostUsd,
  };
}

const absent: LabelMetrics = { precision: 0, recall: 0, f1: 0, support: 0 };

/**
 * What changed from `baseline` (before) to `current` (after): the runner's `--baseline`, and the
 * impact preview (live configuration = baseline, draft = current). Cases are matched by id; a
 * label missing from one side counts as all zeros there.
 */
export function compareReports(current: Report, baseline: Report): Comparison {
  const before = metricValues(baseline);
  const after = metricValues(current);
  const metrics = Object.fromEntries(comparedMetrics.map((m) => [m, delta(before[m], after[m])])) as Record<ComparedMetric, Delta>;

  const labels = [...new Set([...Object.keys(baseline.perLabel), ...Object.keys(current.perLabel)])];
  const perLabel: Record<string, LabelDelta> = {};
  for (const label of labels) {
    const b = baseline.perLabel[label] ?? absent;
    const a = current.perLabel[label] ?? absent;
    perLabel[label] = {
      precision: delta(b.precision, a.precision),
      recall: delta(b.recall, a.recall),
      f1: delta(b.f1, a.f1),
      support: delta(b.support, a.support),
    };
  }

  return {
    metrics,
    perLabel,
    ...changedCases(current, baseline),
    sameDataset: current.datasetSha256 === baseline.datasetSha256,
    baseline: { promptVersion: baseline.promptVersion, model: baseline.model, generatedAt: baseline.generatedAt },
  };
}

function changedCases(current: Report, baseline: Report): Pick<Comparison, "changedCases" | "unmatched"> {
  const beforeById = new Map(baseline.cases.map((c) => [c.id, c]));
  const changed: ChangedCase[] = [];
  let onlyCurrent = 0;
  for (const after of current.cases) {
    const before = beforeById.get(after.id);
    if (before === undefined) {
      onlyCurrent += 1;
      continue;
    }
    if (before.predicted === after.predicted) continue;
    const change: ChangeKind = after.correct && !before.correct ? "fixed" : before.correct ? "broken" : "changed";
    changed.push({ id: after.id, text: after.text, expected: after.expected, before: before.predicted, after: after.predicted, change });
  }
  const currentIds = new Set(current.cases.map((c) => c.id));
  const onlyBaseline = baseline.cases.filter((c) => !currentIds.has(c.id)).length;
  return { changedCases: changed, unmatched: { onlyCurrent, onlyBaseline } };
}
