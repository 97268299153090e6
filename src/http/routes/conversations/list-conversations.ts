import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { cursorPattern, listConversations, maxConversationPage } from "../../../services/conversations/list-conversations.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { DecisionSchema } from "./decision-schema.js";

const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxConversationPage)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, example: 50, description: "Default 50" }),
  before: z
    .string()
    .regex(cursorPattern, "use the nextBefore of the previous page")
    .optional()
    .openapi({ param: { name: "before", in: "query" }, description: "`nextBefore` of the previous page" }),
});

const ConversationSummary = z
  .object({
    conversationId: z.number().int(),
    channel: z.string().nullable(),
    contactName: z.string().nullable(),
    inboxStatus: z.string(),
    owner: z.enum(["bot", "human"]),
    handedOverTo: z.string().nullable(),
    lastCustomerText: z.string().nullable(),
    decisionCount: z.number().int(),
    simulated: z.boolean().describe("The last turn came from the test chat (simulate)"),
    lastDecision: DecisionSchema.pick({ route: true, divisionId: true, confidence: true, source: true, reason: true, createdAt: true }).nullable(),
    updatedAt: z.string(),
  })
  .openapi("ConversationSummary");

export const listConversationsRoute = createRoute({
  operationId: "listConversations",
  method: "get",
  path: "/v1/bots/{botId}/conversations",
  tags: ["Conversations"],
  summary: "Recent conversations, most recently updated first, each with its latest decision",
  security: bearerSecurity,
  request: { params: BotParams, query: ListQuery },
  responses: {
    200: jsonResponse(z.object({ conversations: z.array(ConversationSummary), nextBefore: z.string().nullable() }), "One page"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const listConversationsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listConversationsRoute> =>
  async (c) =>
    c.json(await listConversations(deps, c.req.valid("param").botId, c.req.valid("query")), 200);
