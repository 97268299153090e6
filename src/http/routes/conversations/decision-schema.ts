import { z } from "@hono/zod-openapi";
import { decisionAlternativeSchema, decisionSourceSchema, routeSchema, tokenUsageSchema } from "../../../domain/decision.js";

/** One entry of the decision log, as the conversation and simulate endpoints show it. */
export const DecisionSchema = z
  .object({
    id: z.string(),
    conversationId: z.number().int(),
    eventId: z.number().int().nullable(),
    route: routeSchema,
    divisionId: z.string().nullable(),
    confidence: z.number(),
    alternatives: z.array(decisionAlternativeSchema),
    reason: z.string(),
    source: decisionSourceSchema,
    promptVersion: z.string().nullable(),
    model: z.string().nullable(),
    latencyMs: z.number().int(),
    tokens: tokenUsageSchema.nullable(),
    outcome: z.record(z.string(), z.unknown()),
    text: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Decision");
