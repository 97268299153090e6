import { z } from "@hono/zod-openapi";

/** One entry of the decision log, as the conversation and simulate endpoints show it. */
export const DecisionSchema = z
  .object({
    id: z.string(),
    conversationId: z.number().int(),
    eventId: z.number().int().nullable(),
    route: z.enum(["flow", "bot_reply", "handover", "clarify", "silent"]),
    divisionId: z.string().nullable(),
    confidence: z.number(),
    alternatives: z.array(z.object({ divisionId: z.string(), confidence: z.number() })),
    reason: z.string(),
    source: z.enum(["flow", "llm", "fallback", "policy"]),
    promptVersion: z.string().nullable(),
    model: z.string().nullable(),
    latencyMs: z.number().int(),
    tokens: z.object({ prompt: z.number(), completion: z.number(), cached: z.number() }).nullable(),
    outcome: z.record(z.string(), z.unknown()),
    text: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Decision");
