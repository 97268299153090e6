import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { getBot } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams, BotSchema } from "../../schemas.js";

export const getBotRoute = createRoute({
  operationId: "getBot",
  method: "get",
  path: "/v1/bots/{botId}",
  tags: ["Bots"],
  summary: "Get a bot",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(BotSchema, "The bot (credentials only as set / not set)"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof getBotRoute> =>
  async (c) =>
    c.json(await getBot(deps, c.req.valid("param").botId), 200);
