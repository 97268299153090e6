import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { getFlow } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { FlowParams, FlowSchema } from "./flow-schemas.js";

export const getFlowRoute = createRoute({
  operationId: "getFlow",
  method: "get",
  path: "/v1/bots/{botId}/flows/{flowId}",
  tags: ["Flows"],
  summary: "A keyword flow with its current version and warnings",
  security: bearerSecurity,
  request: { params: FlowParams },
  responses: { 200: jsonResponse(FlowSchema, "The flow"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const getFlowHandler =
  (deps: ServiceDeps): RouteHandler<typeof getFlowRoute> =>
  async (c) => {
    const { botId, flowId } = c.req.valid("param");
    return c.json(await getFlow(deps, botId, flowId), 200);
  };
