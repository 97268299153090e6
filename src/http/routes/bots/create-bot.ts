import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { createBot } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotInputSchema, CreatedBotSchema } from "../../schemas.js";

export const createBotRoute = createRoute({
  operationId: "createBot",
  method: "post",
  path: "/v1/bots",
  tags: ["Bots"],
  summary: "Create a bot (one agent bot of the inbox)",
  security: bearerSecurity,
  request: { body: jsonBody(BotInputSchema) },
  responses: {
    201: jsonResponse(CreatedBotSchema, "The bot, with its webhookUrl (shown only now)"),
    400: errorResponses[400],
    401: errorResponses[401],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export const createBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof createBotRoute> =>
  async (c) =>
    c.json(await createBot(deps, c.req.valid("json")), 201);
