import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { getOfficeHours } from "../../../services/settings/settings-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams, OfficeHoursSchema } from "../../schemas.js";

export const getOfficeHoursRoute = createRoute({
  operationId: "getOfficeHours",
  method: "get",
  path: "/v1/bots/{botId}/office-hours",
  tags: ["Settings"],
  summary: "Get the bot's office hours",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(OfficeHoursSchema, "The office hours"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getOfficeHoursHandler =
  (deps: ServiceDeps): RouteHandler<typeof getOfficeHoursRoute> =>
  async (c) =>
    c.json(await getOfficeHours(deps, c.req.valid("param").botId), 200);
