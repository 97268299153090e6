import type { Decision, OutgoingMessage } from "../../domain/decision.js";
import type { DivisionInfo } from "./turn-context.js";

/** A routing decision and what it asks of the turn: replies, a handover, or a flow to start. */
export type RoutedTurn = {
  decision: Decision;
  /** Messages for the customer before any handover step. */
  replies: OutgoingMessage[];
  handoverTo: DivisionInfo | null;
  /** The LLM chose a keyword flow: the flow engine starts it in the same turn. */
  startFlowId?: string | null;
};

/** Decision fields that only an LLM call fills. */
export const withoutLlm = { promptVersion: null, model: null, latencyMs: 0, tokens: null } as const;
