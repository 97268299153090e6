import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { restorePromptVersion } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { DivisionSchema, VersionParams } from "../../schemas.js";

export const restorePromptVersionRoute = createRoute({
  operationId: "restorePromptVersion",
  method: "post",
  path: "/v1/bots/{botId}/divisions/{divisionId}/versions/{n}/restore",
  tags: ["Divisions"],
  summary: "Make an old prompt current again (as a new version)",
  security: bearerSecurity,
  request: { params: VersionParams },
  responses: {
    200: jsonResponse(DivisionSchema, "The division with the restored prompt"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export const restorePromptVersionHandler =
  (deps: ServiceDeps): RouteHandler<typeof restorePromptVersionRoute> =>
  async (c) => {
    const { botId, divisionId, n } = c.req.valid("param");
    return c.json(await restorePromptVersion(deps, botId, divisionId, n), 200);
  };
