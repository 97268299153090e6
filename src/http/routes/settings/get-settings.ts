import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { getSettings } from "../../../services/settings/settings-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams, SettingsSchema } from "../../schemas.js";

export const getSettingsRoute = createRoute({
  operationId: "getSettings",
  method: "get",
  path: "/v1/bots/{botId}/settings",
  tags: ["Settings"],
  summary: "Get the smart-handover settings and messages",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(SettingsSchema, "The settings"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getSettingsHandler =
  (deps: ServiceDeps): RouteHandler<typeof getSettingsRoute> =>
  async (c) =>
    c.json(await getSettings(deps, c.req.valid("param").botId), 200);
