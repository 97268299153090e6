import { z } from "zod";

/**
 * What the routing LLM must return (`prompts/route-turn.md` asks for it). The providers are given this
 * schema as JSON Schema, and the answer is parsed with it again here: a provider's promise to
 * follow a schema is not a guarantee. Every field is required (nullable where absent) because
 * OpenAI's strict mode demands it.
 */
export const routeOutputSchema = z.strictObject({
  action: z.enum(["handover", "bot_reply", "flow"]),
  division_id: z.string().nullable(),
  flow_id: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.strictObject({ division_id: z.string(), confidence: z.number().min(0).max(1) })).max(10),
  reason: z.string().max(2000),
  reply: z.string().max(4000).nullable(),
});

export type RouteOutput = z.infer<typeof routeOutputSchema>;

const nullableEnum = (values: string[]) => (values.length > 0 ? { type: ["string", "null"], enum: [...values, null] } : { type: "null" });

/**
 * The same shape as JSON Schema for the providers' structured-output features, narrowed to this
 * bot's active division and flow ids so a well-behaved model cannot even name another one. Only
 * keywords every strict-mode implementation accepts; the bounds are enforced by the zod parse.
 */
export function routeOutputJsonSchema(divisionIds: string[], flowIds: string[]): Record<string, unknown> {
  return {
    type: "object",
    properties: {
      action: { type: "string", enum: ["handover", "bot_reply", "flow"] },
      division_id: nullableEnum(divisionIds),
      flow_id: nullableEnum(flowIds),
      confidence: { type: "number", description: "0 to 1" },
      alternatives: {
        type: "array",
        description: "runner-up divisions, most likely first",
        items: {
          type: "object",
          properties: { division_id: divisionIds.length > 0 ? { type: "string", enum: divisionIds } : { type: "string" }, confidence: { type: "number" } },
          required: ["division_id", "confidence"],
          additionalProperties: false,
        },
      },
      reason: { type: "string", description: "one short sentence for the agent" },
      reply: { type: ["string", "null"], description: "the message to the customer when action is bot_reply" },
    },
    required: ["action", "division_id", "flow_id", "confidence", "alternatives", "reason", "reply"],
    additionalProperties: false,
  };
}
