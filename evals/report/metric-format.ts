import type { ComparedMetric, Delta } from "../../src/services/evals/engine/compare.js";
import { priceTableDate } from "../../src/domain/llm-prices.js";
import type { Report } from "../../src/services/evals/engine/report-types.js";

// One place for how numbers read, so the Markdown and HTML reports agree.

export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function fixed3(x: number): string {
  return x.toFixed(3);
}

export function integer(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

export function usd(x: number | null): string {
  if (x === null) return "unknown (model not in price table)";
  return `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
}

type MetricKind = "rate" | "ms" | "count" | "usd";

export const metricInfo: Record<ComparedMetric, { label: string; kind: MetricKind; higherIsBetter: boolean }> = {
  accuracy: { label: "accuracy", kind: "rate", higherIsBetter: true },
  handoverPrecision: { label: "handover precision", kind: "rate", higherIsBetter: true },
  handoverRecall: { label: "handover recall", kind: "rate", higherIsBetter: true },
  clarifyRate: { label: "clarify rate", kind: "rate", higherIsBetter: false },
  fallbackRate: { label: "fallback rate", kind: "rate", higherIsBetter: false },
  latencyP50Ms: { label: "latency p50", kind: "ms", higherIsBetter: false },
  latencyP95Ms: { label: "latency p95", kind: "ms", higherIsBetter: false },
  promptTokens: { label: "prompt tokens", kind: "count", higherIsBetter: false },
  cachedTokens: { label: "cached prompt tokens", kind: "count", higherIsBetter: true },
  completionTokens: { label: "completion tokens", kind: "count", higherIsBetter: false },
  estimatedCostUsd: { label: "estimated cost", kind: "usd", higherIsBetter: false },
};

export function formatMetric(metric: ComparedMetric, value: number | null): string {
  if (value === null) return "n/a";
  switch (metricInfo[metric].kind) {
    case "rate":
      return percent(value);
    case "ms":
      return `${integer(value)} ms`;
    case "count":
      return integer(value);
    case "usd":
      return usd(value);
  }
}

/** Signed change; rates in percentage points so "+2.0 pp" is not mistaken for a relative change. */
export function formatDelta(metric: ComparedMetric, d: Delta): string {
  if (d.delta === null) return "n/a";
  const v = d.delta;
  const sign = v > 0 ? "+" : v < 0 ? "−" : "±";
  const a = Math.abs(v);
  switch (metricInfo[metric].kind) {
    case "rate":
      return `${sign}${(a * 100).toFixed(1)} pp`;
    case "ms":
      return `${sign}${integer(a)} ms`;
    case "count":
      return `${sign}${integer(a)}`;
    case "usd":
      return `${sign}$${a.toFixed(4)}`;
  }
}

/** Signed change of a 0..1 score (precision, recall, F1) in points. */
export function formatScoreDelta(d: Delta): string {
  if (d.delta === null) return "n/a";
  const sign = d.delta > 0 ? "+" : d.delta < 0 ? "−" : "±";
  return `${sign}${(Math.abs(d.delta) * 100).toFixed(1)} pp`;
}

/** "better" | "worse" | "same", for colouring a change. */
export function direction(metric: ComparedMetric, d: Delta): "better" | "worse" | "same" {
  if (d.delta === null || Math.abs(d.delta) < 1e-12) return "same";
  return d.delta > 0 === metricInfo[metric].higherIsBetter ? "better" : "worse";
}

/** The headline values of a report, in display order. */
export function headline(report: Report): [label: string, value: string][] {
  return [
    ["cases", integer(report.n)],
    ["accuracy", percent(report.accuracy)],
    // Clarifying questions set aside: a question is never a correct answer, so accuracy / (1 − clarify rate).
    ["accuracy of the turns answered", percent(report.clarifyRate < 1 ? report.accuracy / (1 - report.clarifyRate) : 0)],
    ["handover precision", percent(report.handover.precision)],
    ["handover recall", percent(report.handover.recall)],
    ["clarify rate", percent(report.clarifyRate)],
    ...(report.calibration
      ? [["expected calibration error", `${fixed3(report.calibration.ece)} (${integer(report.calibration.decisions)} judged)`] as [string, string]]
      : []),
    ...(report.safety ? [["safety violations", safetySummary(report.safety)] as [string, string]] : []),
    ["fallback rate", percent(report.fallbackRate)],
    ["latency p50 / p95", `${integer(report.latencyMs.p50)} ms / ${integer(report.latencyMs.p95)} ms`],
    ["tokens (prompt / cached / completion)", `${integer(report.tokens.prompt)} / ${integer(report.tokens.cached)} / ${integer(report.tokens.completion)}`],
    [`estimated cost (list prices of ${priceTableDate})`, usd(report.estimatedCostUsd)],
    ["responses from cache", `${integer(report.cachedResponses)} of ${integer(report.n)}`],
    ["decided by", sourceSummary(report)],
  ];
}

function safetySummary(safety: NonNullable<Report["safety"]>): string {
  const { outsideActiveSet, promptLeaks } = safety;
  if (outsideActiveSet.length + promptLeaks.length === 0) return "none";
  return `${integer(outsideActiveSet.length)} outside the active divisions, ${integer(promptLeaks.length)} prompt leaks`;
}

function sourceSummary(report: Report): string {
  return (
    Object.entries(report.sourceCounts)
      .filter(([, count]) => count > 0)
      .map(([source, count]) => `${source} ${integer(count)}`)
      .join(", ") || "none"
  );
}

/** Who ran what, for the report header. */
export function runFacts(report: Report): [label: string, value: string][] {
  return [
    ["provider", report.provider],
    ["model", report.model ?? "none"],
    ["prompt version", report.promptVersion ?? "none"],
    ["dataset sha256", report.datasetSha256],
    ["generated", report.generatedAt],
  ];
}
