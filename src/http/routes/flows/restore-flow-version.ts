import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { restoreFlowVersion } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { FlowSchema, FlowVersionParams } from "./flow-schemas.js";

export const restoreFlowVersionRoute = createRoute({
  operationId: "restoreFlowVersion",
  method: "post",
  path: "/v1/bots/{botId}/flows/{flowId}/versions/{n}/restore",
  tags: ["Flows"],
  summary: "Make an old flow version current again (as a new version)",
  security: bearerSecurity,
  request: { params: FlowVersionParams },
  responses: {
    200: jsonResponse(FlowSchema, "The flow with the restored document"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorResponses[409],
  },
});

export const restoreFlowVersionHandler =
  (deps: ServiceDeps): RouteHandler<typeof restoreFlowVersionRoute> =>
  async (c) => {
    const { botId, flowId, n } = c.req.valid("param");
    return c.json(await restoreFlowVersion(deps, botId, flowId, n), 200);
  };
