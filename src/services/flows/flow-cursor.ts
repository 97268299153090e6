import { z } from "zod";

/** A choice the bot offered in its last reply: a quick-reply item or a carousel postback button. */
export const offeredChoiceSchema = z.object({
  title: z.string(),
  /** What the inbox sends back for it: the quick-reply value, or the postback payload as JSON. */
  value: z.string(),
  payload: z.record(z.string(), z.string()),
  /** Set when the choice was shown as a numbered line, so typing the number picks it. */
  number: z.number().int().positive().optional(),
});

/**
 * Where a conversation is in its keyword flows; null when no flow is active. It is stored as the
 * conversation's `flowState` (JSON), so everything in it must survive a JSON round trip.
 */
export const flowCursorSchema = z.object({
  flowId: z.string(),
  state: z.string(),
  variables: z.record(z.string(), z.unknown()).default({}),
  /** The choices of the last reply, to recognise the customer's pick (see match-choice.ts). */
  offered: z.array(offeredChoiceSchema).default([]),
});

export type OfferedChoice = z.infer<typeof offeredChoiceSchema>;
export type FlowCursor = z.infer<typeof flowCursorSchema> | null;

/** Reads a stored `flowState`; anything unreadable means no active flow. */
export function readFlowCursor(stored: unknown): FlowCursor {
  const parsed = flowCursorSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
