import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listDivisions } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams, DivisionSchema } from "../../schemas.js";

export const listDivisionsRoute = createRoute({
  operationId: "listDivisions",
  method: "get",
  path: "/v1/bots/{botId}/divisions",
  tags: ["Divisions"],
  summary: "List a bot's divisions",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DivisionSchema) }), "The divisions, oldest first"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const listDivisionsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listDivisionsRoute> =>
  async (c) =>
    c.json({ items: await listDivisions(deps, c.req.valid("param").botId) }, 200);
