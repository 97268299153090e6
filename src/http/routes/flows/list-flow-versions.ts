import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listFlowVersions } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { FlowParams, FlowVersionSchema } from "./flow-schemas.js";

export const listFlowVersionsRoute = createRoute({
  operationId: "listFlowVersions",
  method: "get",
  path: "/v1/bots/{botId}/flows/{flowId}/versions",
  tags: ["Flows"],
  summary: "Every saved version of a flow, newest first",
  security: bearerSecurity,
  request: { params: FlowParams },
  responses: { 200: jsonResponse(z.array(FlowVersionSchema), "Newest first"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const listFlowVersionsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listFlowVersionsRoute> =>
  async (c) => {
    const { botId, flowId } = c.req.valid("param");
    return c.json(await listFlowVersions(deps, botId, flowId), 200);
  };
