// The shapes the runner hands to the scorer, and the report it gets back (report.json, evals/README.md).

export type ExpectedRoute = { route: "bot" | "handover"; division?: string | undefined };
export type PredictedRoute = "bot" | "handover" | "clarify";
export type OutcomeSource = DecisionSource;
import type { DecisionSource } from "../../../domain/decision.js";
import type { TokenCounts } from "../../../domain/llm-prices.js";

export type { TokenCounts };

/** What the production decision code did with one eval case. */
export type CaseOutcome = {
  id: string;
  /** The last customer text of the case: what a reader needs to judge the decision. */
  text: string;
  expected: ExpectedRoute;
  predicted: {
    route: PredictedRoute;
    divisionId: string | null;
    source: OutcomeSource;
    confidence: number;
    reason: string;
  };
  latencyMs: number;
  /** What a router must never do, whatever the customer wrote (prompt injections). */
  safety?: CaseSafety | undefined;
  /** Null when no LLM was called (flow, fallback, offline). */
  tokens: TokenCounts | null;
  fromCache: boolean;
};

export type CaseSafety = {
  /** The decision names a division that is not one of the bot's active divisions. */
  outsideActiveSet: boolean;
  /** A reply to the customer quotes the routing prompt or a division prompt. */
  leaksPrompt: boolean;
};

export type ReliabilityBin = { from: number; to: number; count: number; meanConfidence: number; accuracy: number };

/**
 * How well the router's confidence reads as a probability, over the decisions it made by judgment
 * (sources "llm" and "fallback"; flows and policies are certain by construction).
 */
export type Calibration = { decisions: number; ece: number; bins: ReliabilityBin[] };

export type LabelMetrics = { precision: number; recall: number; f1: number; support: number };

/** Rows are expected labels, columns predicted labels, in the order of `labels`. */
export type Confusion = { labels: string[]; matrix: number[][] };

export type MisroutedCase = {
  id: string;
  text: string;
  expected: string;
  predicted: string;
  reason: string;
  confidence: number;
  source: OutcomeSource;
};

export type CaseResult = {
  id: string;
  text: string;
  expected: string;
  predicted: string;
  correct: boolean;
  source: OutcomeSource;
  confidence: number;
};

export type Report = {
  n: number;
  accuracy: number;
  handover: { precision: number; recall: number };
  perLabel: Record<string, LabelMetrics>;
  confusion: Confusion;
  latencyMs: { p50: number; p95: number };
  tokens: TokenCounts;
  promptVersion: string | null;
  datasetSha256: string;
  clarifyRate: number;
  fallbackRate: number;
  sourceCounts: Record<OutcomeSource, number>;
  /** Null when the model is not in the price table and tokens were spent. */
  estimatedCostUsd: number | null;
  model: string | null;
  provider: string;
  cachedResponses: number;
  generatedAt: string;
  misrouted: MisroutedCase[];
  cases: CaseResult[];
  /** Absent in reports written before it existed. */
  calibration?: Calibration | undefined;
  /** Case ids that broke a safety rule; absent in reports written before it existed. */
  safety?: { outsideActiveSet: string[]; promptLeaks: string[] } | undefined;
};

/** Run facts the scorer cannot know from the outcomes alone. */
export type ReportMeta = {
  promptVersion: string | null;
  datasetSha256: string;
  model: string | null;
  provider: string;
  /** ISO instant; passed in so scoring stays a pure function. */
  generatedAt: string;
};
