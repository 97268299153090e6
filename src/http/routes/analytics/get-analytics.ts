import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { getAnalytics } from "../../../services/analytics/analytics-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD");
const rate = z.number().nullable().describe("0–1; null when there is nothing to divide by");
const tokens = z.object({ prompt: z.number(), completion: z.number(), cached: z.number() });

const AnalyticsQuery = z.object({
  from: day.optional().openapi({
    param: { name: "from", in: "query" },
    example: "2026-01-09",
    description: "First day, in the bot's office-hours time zone; default six days before `to`",
  }),
  to: day.optional().openapi({ param: { name: "to", in: "query" }, example: "2026-01-15", description: "Last day, inclusive; default today" }),
  simulated: z
    .enum(["exclude", "include", "only"])
    .optional()
    .openapi({ param: { name: "simulated", in: "query" }, description: "Test-chat (simulate) turns: left out by default" }),
});

const AnalyticsSchema = z
  .object({
    botId: z.string(),
    from: z.string(),
    to: z.string(),
    timeZone: z.string().describe("Days are counted in the bot's office-hours time zone"),
    simulated: z.enum(["exclude", "include", "only"]),
    simulatedTurns: z.number().int().describe("Test-chat turns in the period, whatever `simulated` says"),
    totals: z.object({
      turns: z.number().int().describe("Routed customer turns (the bot was not silent)"),
      conversations: z.number().int(),
      handovers: z.number().int().describe("Turns that handed over to a division"),
      botAnswered: z.number().int().describe("Bot replies and flow steps without a handover"),
      fallbacks: z.number().int().describe("Turns decided by the deterministic fallback"),
      clarifications: z.number().int().describe("Clarifying questions asked"),
      misroutes: z.number().int().describe("Handovers an agent moved to another team"),
    }),
    rates: z.object({
      handover: rate.describe("handovers / turns"),
      deflection: rate.describe("Conversations never handed over / conversations"),
      botAnswered: rate.describe("botAnswered / turns"),
      fallback: rate.describe("fallbacks / turns"),
      clarify: rate.describe("clarifications / turns"),
      misroute: rate.describe("misroutes / handovers"),
    }),
    daily: z.array(
      z.object({
        date: z.string(),
        turns: z.number().int(),
        handovers: z.number().int(),
        botAnswered: z.number().int(),
        fallbacks: z.number().int(),
        clarifications: z.number().int(),
        llmCalls: z.number().int(),
        llmP50Ms: z.number().nullable(),
        llmP95Ms: z.number().nullable(),
      }),
    ),
    handoverByDivision: z.array(
      z.object({
        divisionId: z.string().nullable(),
        name: z.string().nullable().describe("Null for a deleted division"),
        handovers: z.number().int(),
        misroutes: z.number().int(),
      }),
    ),
    handoverByAvailability: z
      .object({ inHours: z.number().int(), offline: z.number().int(), outsideHours: z.number().int() })
      .describe("Which message the handover sent: in office hours with agents online, all agents offline, outside office hours"),
    fallbackCauses: z.array(z.object({ cause: z.string().describe('e.g. "timeout", "no LLM configured", "smart handover is off"'), turns: z.number().int() })),
    llm: z.object({
      calls: z.number().int().describe("Routing calls made, failed ones included"),
      p50Ms: z.number().nullable(),
      p95Ms: z.number().nullable(),
      tokens,
      estimatedCostUsd: z.number().nullable().describe("List prices (priceTableDate); null when a model is not in the table"),
      priceTableDate: z.string(),
      byModel: z.array(z.object({ model: z.string(), calls: z.number().int(), tokens, estimatedCostUsd: z.number().nullable() })),
    }),
  })
  .openapi("Analytics");

export const getAnalyticsRoute = createRoute({
  operationId: "getAnalytics",
  method: "get",
  path: "/v1/bots/{botId}/analytics",
  tags: ["Analytics"],
  summary: "Turns, handovers by division and availability, deflection, fallbacks, clarifications, mis-routes, LLM latency and cost for a period",
  security: bearerSecurity,
  request: { params: BotParams, query: AnalyticsQuery },
  responses: {
    200: jsonResponse(AnalyticsSchema, "The period's figures, with one entry per day"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getAnalyticsHandler =
  (deps: ServiceDeps): RouteHandler<typeof getAnalyticsRoute> =>
  async (c) =>
    c.json(await getAnalytics(deps, c.req.valid("param").botId, c.req.valid("query")), 200);
