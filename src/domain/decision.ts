import { z } from "zod";
import { conversationPrioritySchema } from "./conversation-marks.js";

/** What a turn ended in. The decisions table, the HTTP views and the LLM's answer all use this one enum. */
export const routeSchema = z.enum(["flow", "bot_reply", "handover", "clarify", "silent"]);
export type Route = z.infer<typeof routeSchema>;

/** What decided: a keyword flow, the LLM, the deterministic fallback, or a fixed policy ("talk to a human"). */
export const decisionSourceSchema = z.enum(["flow", "llm", "fallback", "policy"]);
export type DecisionSource = z.infer<typeof decisionSourceSchema>;

export const decisionAlternativeSchema = z.object({ divisionId: z.string(), confidence: z.number() });
export type DecisionAlternative = z.infer<typeof decisionAlternativeSchema>;

export const tokenUsageSchema = z.object({ prompt: z.number(), completion: z.number(), cached: z.number() });
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** What was decided for one turn, and by what; stored as a `decisions` row and shown to the admin. */
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
export const outgoingMessageSchema = z.object({
  content: z.string(),
  content_type: z.enum(["text", "input_select", "cards"]).optional(),
  content_attributes: z.record(z.string(), z.unknown()).optional(),
  private: z.boolean().optional(),
});
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;

/** One side effect on the inbox, carried out in order by the turn's outbound job. */
export const inboxActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("message"), message: outgoingMessageSchema }),
  z.object({ action: z.literal("assign_team"), teamId: z.number().int() }),
  z.object({ action: z.literal("toggle_status"), status: z.literal("open") }),
  z.object({
    action: z.literal("custom_attributes"),
    /** Merged into the conversation's custom attributes. */
    attributes: z.record(z.string(), z.union([z.string(), z.number()])),
    /** The conversation's attributes as the customer's message carried them: the merge base when the inbox will not be read. */
    seen: z.record(z.string(), z.unknown()).nullable(),
  }),
  z.object({ action: z.literal("priority"), priority: conversationPrioritySchema }),
  /** Added to the conversation's labels (merged, never replacing them). */
  z.object({ action: z.literal("labels"), labels: z.array(z.string()) }),
  /** Best effort: a failure is logged, never retried or reported. */
  z.object({ action: z.literal("typing"), status: z.literal("off") }),
]);
export type InboxAction = z.infer<typeof inboxActionSchema>;
