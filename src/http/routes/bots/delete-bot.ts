import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { deleteBot } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";
import { BotParams } from "../../schemas.js";

export const deleteBotRoute = createRoute({
  operationId: "deleteBot",
  method: "delete",
  path: "/v1/bots/{botId}",
  tags: ["Bots"],
  summary: "Delete a bot and everything it owns",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    204: { description: "Deleted" },
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const deleteBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteBotRoute> =>
  async (c) => {
    await deleteBot(deps, c.req.valid("param").botId);
    return c.body(null, 204);
  };
