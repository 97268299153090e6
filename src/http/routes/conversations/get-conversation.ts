import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { ownerReasons } from "../../../domain/ownership.js";
import type { ServiceDeps } from "../../../services/context.js";
import { getConversation } from "../../../services/conversations/conversation-service.js";
import { listFailedActions } from "../../../services/conversations/failed-actions.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { DecisionSchema } from "./decision-schema.js";

const ConversationSchema = z
  .object({
    botId: z.string(),
    conversationId: z.number().int(),
    inboxStatus: z.string(),
    owner: z.enum(["bot", "human"]).describe("Who may speak: the bot answers only while it owns the conversation"),
    ownerReason: z.enum([...ownerReasons.bot, ...ownerReasons.human]).describe("The evidence that gave the conversation to its owner (docs/decisions/0010)"),
    handedOverTo: z.string().nullable(),
    handedOverAt: z.string().nullable(),
    teamId: z.number().int().nullable(),
    channel: z.string().nullable(),
    contactName: z.string().nullable(),
    flowState: z.record(z.string(), z.unknown()).nullable(),
    clarifyPending: z.boolean(),
    history: z.array(z.object({ role: z.enum(["customer", "bot", "agent"]), text: z.string(), at: z.string() })),
    decisions: z.array(DecisionSchema).describe("Newest last"),
    failedActions: z
      .array(z.object({ action: z.string(), error: z.string(), at: z.string().nullable() }))
      .describe("Inbox calls for this conversation that failed for good (e.g. a team the inbox does not have), oldest first"),
    updatedAt: z.string(),
  })
  .openapi("Conversation");

export const getConversationRoute = createRoute({
  operationId: "getConversation",
  method: "get",
  path: "/v1/bots/{botId}/conversations/{conversationId}",
  tags: ["Conversations"],
  summary: "A conversation's state and every routing decision, newest last",
  security: bearerSecurity,
  request: {
    params: BotParams.extend({
      conversationId: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: "conversationId", in: "path" }, example: 42 }),
    }),
  },
  responses: {
    200: jsonResponse(ConversationSchema, "State and decisions"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getConversationHandler =
  (deps: ServiceDeps): RouteHandler<typeof getConversationRoute> =>
  async (c) => {
    const { botId, conversationId } = c.req.valid("param");
    const conversation = await getConversation(deps, botId, conversationId);
    return c.json({ ...conversation, failedActions: await listFailedActions(deps, botId, conversationId) }, 200);
  };
