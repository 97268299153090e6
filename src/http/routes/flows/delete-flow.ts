import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { deleteFlow } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";
import { FlowParams } from "./flow-schemas.js";

export const deleteFlowRoute = createRoute({
  operationId: "deleteFlow",
  method: "delete",
  path: "/v1/bots/{botId}/flows/{flowId}",
  tags: ["Flows"],
  summary: "Delete a keyword flow and its versions",
  security: bearerSecurity,
  request: { params: FlowParams },
  responses: { 204: { description: "Deleted" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const deleteFlowHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteFlowRoute> =>
  async (c) => {
    const { botId, flowId } = c.req.valid("param");
    await deleteFlow(deps, botId, flowId);
    return c.body(null, 204);
  };
