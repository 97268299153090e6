import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { putOfficeHours } from "../../../services/settings/settings-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, OfficeHoursSchema } from "../../schemas.js";

export const putOfficeHoursRoute = createRoute({
  operationId: "putOfficeHours",
  method: "put",
  path: "/v1/bots/{botId}/office-hours",
  tags: ["Settings"],
  summary: "Replace the bot's office hours (IANA zone, weekly slots, holidays)",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(OfficeHoursSchema) },
  responses: {
    200: jsonResponse(OfficeHoursSchema, "The stored office hours"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export const putOfficeHoursHandler =
  (deps: ServiceDeps): RouteHandler<typeof putOfficeHoursRoute> =>
  async (c) =>
    c.json(await putOfficeHours(deps, c.req.valid("param").botId, c.req.valid("json")), 200);
