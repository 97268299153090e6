import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { putSettings } from "../../../services/settings/settings-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, SettingsSchema } from "../../schemas.js";

export const putSettingsRoute = createRoute({
  operationId: "putSettings",
  method: "put",
  path: "/v1/bots/{botId}/settings",
  tags: ["Settings"],
  summary: "Replace the settings (omitted fields take their defaults)",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(SettingsSchema) },
  responses: {
    200: jsonResponse(SettingsSchema, "The stored settings"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export const putSettingsHandler =
  (deps: ServiceDeps): RouteHandler<typeof putSettingsRoute> =>
  async (c) =>
    c.json(await putSettings(deps, c.req.valid("param").botId, c.req.valid("json")), 200);
