import type { Decision, OutgoingMessage } from "../../../domain/decision.js";
import type { FlowCursor } from "../../flows/flow-cursor.js";
import type { DivisionInfo } from "./turn-context.js";

/** Why the deterministic fallback decided instead of the LLM (metrics and analytics group by it). */
export type FallbackCause = "smart_handover_off" | "no_llm" | "wait_budget" | "circuit_open" | "llm_timeout" | "llm_error" | "invalid_answer";

/** A routing decision and what it asks of the turn: replies, a handover, or a flow to start. */
export type RoutedTurn = {
  decision: Decision;
  /** Messages for the customer before any handover step. */
  replies: OutgoingMessage[];
  handoverTo: DivisionInfo | null;
  /** The LLM chose a keyword flow: the flow engine starts it in the same turn. */
  startFlowId?: string | null;
  /** The conversation's next flow position; undefined leaves it as it was. */
  flowCursor?: FlowCursor;
  /** A flow already told the customer it is connecting them: skip the settings' handover message. */
  flowSaidHandover?: boolean;
  /** A flow moved the conversation to another bot of the same inbox. */
  botHandover?: { botId: string; flowId?: string | undefined; variables: Record<string, unknown> };
  /** Set when the fallback decided although the LLM path was asked. */
  fallbackCause?: FallbackCause;
};

/** Decision fields that only an LLM call fills. */
export const withoutLlm = { promptVersion: null, model: null, latencyMs: 0, tokens: null } as const;
