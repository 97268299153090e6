import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { deleteDivision } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";
import { DivisionParams } from "../../schemas.js";

export const deleteDivisionRoute = createRoute({
  operationId: "deleteDivision",
  method: "delete",
  path: "/v1/bots/{botId}/divisions/{divisionId}",
  tags: ["Divisions"],
  summary: "Delete a division",
  security: bearerSecurity,
  request: { params: DivisionParams },
  responses: {
    204: { description: "Deleted" },
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export const deleteDivisionHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteDivisionRoute> =>
  async (c) => {
    const { botId, divisionId } = c.req.valid("param");
    await deleteDivision(deps, botId, divisionId);
    return c.body(null, 204);
  };
