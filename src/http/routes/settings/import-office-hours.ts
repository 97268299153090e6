import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { importOfficeHoursFromInbox } from "../../../services/office-hours/import-office-hours.js";
import { bearerSecurity, errorResponses, jsonResponse, upstreamErrorResponse } from "../../openapi.js";
import { BotParams, OfficeHoursSchema } from "../../schemas.js";

export const importOfficeHoursRoute = createRoute({
  operationId: "importOfficeHours",
  method: "post",
  path: "/v1/bots/{botId}/office-hours/import-from-inbox",
  tags: ["Settings"],
  summary: "Replace the weekly office hours with the inbox's working hours (holidays are kept)",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(OfficeHoursSchema, "The stored office hours"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    502: upstreamErrorResponse[502],
  },
});

export const importOfficeHoursHandler =
  (deps: PipelineDeps): RouteHandler<typeof importOfficeHoursRoute> =>
  async (c) =>
    c.json(await importOfficeHoursFromInbox(deps, c.req.valid("param").botId), 200);
