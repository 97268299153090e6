import { z } from "zod";
import type { DecisionAlternative, TokenUsage } from "../db/schema/decisions.js";
import { conversationPrioritySchema } from "./conversation-marks.js";

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
