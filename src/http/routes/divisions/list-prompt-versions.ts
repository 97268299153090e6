import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listPromptVersions } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { DivisionParams, PromptVersionSchema } from "../../schemas.js";

export const listPromptVersionsRoute = createRoute({
  operationId: "listPromptVersions",
  method: "get",
  path: "/v1/bots/{botId}/divisions/{divisionId}/versions",
  tags: ["Divisions"],
  summary: "List a division's prompt versions, newest first",
  security: bearerSecurity,
  request: { params: DivisionParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(PromptVersionSchema) }), "Every prompt version"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const listPromptVersionsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listPromptVersionsRoute> =>
  async (c) => {
    const { botId, divisionId } = c.req.valid("param");
    return c.json({ items: await listPromptVersions(deps, botId, divisionId) }, 200);
  };
