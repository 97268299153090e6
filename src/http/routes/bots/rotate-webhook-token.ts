import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { rotateWebhookToken } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams, CreatedBotSchema } from "../../schemas.js";

export const rotateWebhookTokenRoute = createRoute({
  operationId: "rotateWebhookToken",
  method: "post",
  path: "/v1/bots/{botId}/webhook-token",
  tags: ["Bots"],
  summary: "Issue a new webhookUrl (the old one stops working)",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(CreatedBotSchema, "The bot with its new webhookUrl (shown only now)"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const rotateWebhookTokenHandler =
  (deps: ServiceDeps): RouteHandler<typeof rotateWebhookTokenRoute> =>
  async (c) =>
    c.json(await rotateWebhookToken(deps, c.req.valid("param").botId), 200);
