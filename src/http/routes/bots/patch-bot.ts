import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { patchBot } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, BotPatchSchema, BotSchema } from "../../schemas.js";

export const patchBotRoute = createRoute({
  operationId: "patchBot",
  method: "patch",
  path: "/v1/bots/{botId}",
  tags: ["Bots"],
  summary: "Change a bot's name, inbox credentials or signing secret",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(BotPatchSchema) },
  responses: {
    200: jsonResponse(BotSchema, "The updated bot"),
    ...errorResponses,
  },
});

export const patchBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof patchBotRoute> =>
  async (c) =>
    c.json(await patchBot(deps, c.req.valid("param").botId, c.req.valid("json")), 200);
