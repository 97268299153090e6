import { z } from "zod";
import { routeSchema } from "./decision.js";

const confidence = z.number().min(0).max(1);
const alternativesOf = (divisionId: z.ZodType<string>) =>
  z
    .array(z.strictObject({ division_id: divisionId, confidence }))
    .max(10)
    .describe("runner-up divisions, most likely first");

/**
 * What the routing LLM must return (`prompts/route-turn.md` asks for it). The providers are given this
 * schema as JSON Schema (`routeOutputJsonSchema`, generated from it), and the answer is parsed with it
 * again here: a provider's promise to follow a schema is not a guarantee. Every field is required
 * (nullable where absent) because OpenAI's strict mode demands it.
 */
export const routeOutputSchema = z.strictObject({
  action: routeSchema.extract(["handover", "bot_reply", "flow"]),
  division_id: z.string().nullable(),
  flow_id: z.string().nullable(),
  confidence: confidence.describe("0 to 1"),
  alternatives: alternativesOf(z.string()),
  reason: z.string().max(2000).describe("one short sentence for the agent"),
  reply: z.string().max(4000).nullable().describe("the message to the customer when action is bot_reply"),
});

export type RouteOutput = z.infer<typeof routeOutputSchema>;

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// Bounds are checked by the zod parse; strict-mode implementations differ in which of them they accept.
const leftOut = new Set(["$schema", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"]);

/**
 * Only keywords every strict-mode implementation accepts: bounds dropped, and `T | null` written as
 * `{type: [T, "null"]}` (with `null` in its `enum`) rather than `anyOf`.
 */
function forStrictMode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forStrictMode);
  if (!isJson(node)) return node;
  const anyOf = node.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && isJson(anyOf[0]) && isJson(anyOf[1]) && anyOf[1].type === "null" && typeof anyOf[0].type === "string") {
    const { anyOf: _, ...rest } = node;
    const value = forStrictMode(anyOf[0]) as Json;
    const values = Array.isArray(value.enum) ? { enum: [...(value.enum as unknown[]), null] } : {};
    return { ...rest, ...value, type: [value.type, "null"], ...values };
  }
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !leftOut.has(key))
      .map(([key, value]) => [key, forStrictMode(value)]),
  );
}

const oneOf = (ids: string[]) => z.enum(ids as [string, ...string[]]);
const idOrNull = (ids: string[]) => (ids.length > 0 ? oneOf(ids).nullable() : z.null());

// Built once per set of ids: the ids change only when an admin edits the bot, and generating the
// schema with zod cost more main-thread time per turn than any other step of routing (README, Performance).
const builtSchemas = new Map<string, Readonly<Record<string, unknown>>>();
const maxBuiltSchemas = 256;

/**
 * `routeOutputSchema` as JSON Schema for the providers' structured-output features, narrowed to this
 * bot's active division and flow ids so a well-behaved model cannot even name another one. The
 * same ids give the same (shared, not to be changed) object.
 */
export function routeOutputJsonSchema(divisionIds: string[], flowIds: string[]): Readonly<Record<string, unknown>> {
  const key = JSON.stringify([divisionIds, flowIds]);
  const known = builtSchemas.get(key);
  if (known) return known;
  const narrowed = routeOutputSchema.extend({
    division_id: idOrNull(divisionIds),
    flow_id: idOrNull(flowIds),
    alternatives: alternativesOf(divisionIds.length > 0 ? oneOf(divisionIds) : z.string()),
  });
  const schema = forStrictMode(z.toJSONSchema(narrowed)) as Record<string, unknown>;
  // Oldest first out: bots whose ids changed long ago.
  if (builtSchemas.size >= maxBuiltSchemas) builtSchemas.delete(builtSchemas.keys().next().value ?? "");
  builtSchemas.set(key, schema);
  return schema;
}
