import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { exportBot } from "../../../services/bots/export-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotExportSchema, BotParams } from "../../schemas.js";

export const exportBotRoute = createRoute({
  operationId: "exportBot",
  method: "get",
  path: "/v1/bots/{botId}/export",
  tags: ["Bots"],
  summary: "Export the whole bot configuration (no secrets)",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(BotExportSchema, "The bot as one importable document"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const exportBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof exportBotRoute> =>
  async (c) =>
    c.json(await exportBot(deps, c.req.valid("param").botId), 200);
