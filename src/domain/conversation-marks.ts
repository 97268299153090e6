import { z } from "zod";

// What a handover may mark on the inbox's conversation besides its team: Chatwoot's priority,
// labels and custom attributes.

/** Chatwoot's conversation priorities (app/models/conversation.rb `enum priority`, 2.17.0+). */
export const conversationPrioritySchema = z.enum(["low", "medium", "high", "urgent"]);
export type ConversationPriority = z.infer<typeof conversationPrioritySchema>;

/**
 * A label as Chatwoot's labels are titled: letters or digits, then letters, digits, `_` or `-`, at
 * least two characters, lowercase (app/models/label.rb with lib/regex_helper.rb
 * UNICODE_CHARACTER_NUMBER_HYPHEN_UNDERSCORE; the title is downcased before validation).
 */
export const conversationLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(100)
  .regex(/^[\p{L}\p{N}]+[\p{L}\p{N}_-]+$/u, "a Chatwoot label: at least two letters or digits, then letters, digits, _ or - (no spaces)");

/** A division's labels, each once. */
export const divisionLabelsSchema = z
  .array(conversationLabelSchema)
  .max(20)
  .transform((labels) => [...new Set(labels)]);

/**
 * The conversation custom attributes a handover writes (merged into the ones the conversation has).
 * Chatwoot shows a conversation attribute in its sidebar once an attribute with this key is
 * defined (Settings → Custom Attributes, "Conversation").
 */
export const handoverAttributeKeys = {
  division: "switchboard_division",
  confidence: "switchboard_confidence",
  reason: "switchboard_reason",
} as const;

/** Long enough for an LLM's reason; Chatwoot stores the value in a jsonb column without a limit. */
const reasonMaxLength = 500;

export function handoverAttributes(division: string, confidence: number, reason: string): Record<string, string | number> {
  return {
    [handoverAttributeKeys.division]: division,
    [handoverAttributeKeys.confidence]: Math.round(confidence * 100) / 100,
    [handoverAttributeKeys.reason]: reason.length > reasonMaxLength ? `${reason.slice(0, reasonMaxLength - 1)}…` : reason,
  };
}
