import type { DecisionAlternative, TokenUsage } from "../db/schema/decisions.js";

export type Route = "flow" | "bot_reply" | "handover" | "clarify" | "silent";
export type DecisionSource = "flow" | "llm" | "fallback" | "policy";

/** What was decided for one turn, and by what (ARCHITECTURE "Decision"). */
export type Decision = {
  route: Route;
  divisionId: string | null;
  confidence: number;
  alternatives: DecisionAlternative[];
  reason: string;
  source: DecisionSource;
  promptVersion: string | null;
  model: string | null;
  latencyMs: number;
  tokens: TokenUsage | null;
};

/** A message for the customer (or a private note for agents), in the inbox API's shape. */
export type OutgoingMessage = {
  content: string;
  content_type?: "text" | "input_select" | "cards";
  content_attributes?: Record<string, unknown>;
  private?: boolean;
};

/** One side effect on the inbox, carried out in order by the outbound queue. */
export type InboxAction =
  | { action: "message"; message: OutgoingMessage }
  | { action: "assign_team"; teamId: number }
  | { action: "toggle_status"; status: "open" };
