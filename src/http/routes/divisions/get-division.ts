import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { getDivision } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { DivisionParams, DivisionSchema } from "../../schemas.js";

export const getDivisionRoute = createRoute({
  operationId: "getDivision",
  method: "get",
  path: "/v1/bots/{botId}/divisions/{divisionId}",
  tags: ["Divisions"],
  summary: "Get a division",
  security: bearerSecurity,
  request: { params: DivisionParams },
  responses: {
    200: jsonResponse(DivisionSchema, "The division"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const getDivisionHandler =
  (deps: ServiceDeps): RouteHandler<typeof getDivisionRoute> =>
  async (c) => {
    const { botId, divisionId } = c.req.valid("param");
    return c.json(await getDivision(deps, botId, divisionId), 200);
  };
