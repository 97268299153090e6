import { z } from "zod";

/** The text of a labelled example: what a customer wrote. */
export const exampleTextSchema = z.string().trim().min(1).max(2000);

/**
 * A fine-grained class inside an example's label, such as BANKING77's "card_arrival" or a Kata
 * bot's intent name. Optional: with intents the router learns one class per intent and sums them
 * back into their label (docs/decisions/0012).
 */
export const exampleIntentSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('A finer class inside the label, such as "card_arrival"; the offline router learns one class per intent');

/** One labelled example: label = a division id (an export's division key) or "bot". */
export const labelledExampleSchema = z.object({
  text: exampleTextSchema,
  label: z.string().trim().min(1).max(100).describe('A division id of this bot, or "bot" for turns the bot keeps'),
  intent: exampleIntentSchema.optional(),
});

/** A division's own example: its text alone, or its text with an intent. */
export const divisionExampleSchema = z.union([exampleTextSchema, z.object({ text: exampleTextSchema, intent: exampleIntentSchema.optional() })]);

export type DivisionExample = z.infer<typeof divisionExampleSchema>;

/** A division example as text and intent (null without one). */
export function divisionExampleParts(example: DivisionExample): { text: string; intent: string | null } {
  return typeof example === "string" ? { text: example, intent: null } : { text: example.text, intent: example.intent ?? null };
}
