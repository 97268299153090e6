import { z } from "zod";
import type { DecisionAlternative, TokenUsage } from "../db/schema/decisions.js";

export type Route = "flow" | "bot_reply" | "handover" | "clarify" | "silent";
export type DecisionSource = "flow" | "llm" | "fallback" | "policy";

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
]);
export type InboxAction = z.infer<typeof inboxActionSchema>;
