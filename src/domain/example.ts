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

/** Where an example sits in a request or document (`examples.3.intent`), with its label and intent. */
export type PlacedIntent = { path: string; label: string; intent: string | null | undefined };

/**
 * An intent is a class inside one label: the router sums an intent's probability into its label,
 * so an intent found under two labels would be two different classes with one name, and a list
 * filtered by it would mix them. Every example whose intent already belongs to another label (in
 * `owners`, intent → label, or earlier in `items`) is reported at its path.
 */
export function intentsOfAnotherLabel(items: readonly PlacedIntent[], owners: ReadonlyMap<string, string> = new Map()): { path: string; message: string }[] {
  const owner = new Map(owners);
  return items.flatMap(({ path, label, intent }) => {
    if (!intent) return [];
    const belongs = owner.get(intent);
    if (belongs === undefined) owner.set(intent, label);
    if (belongs === undefined || belongs === label) return [];
    return [{ path, message: `intent "${intent}" belongs to label "${belongs}", not "${label}": an intent is a class inside one label` }];
  });
}
