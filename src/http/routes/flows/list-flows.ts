import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listFlows } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { FlowSchema } from "./flow-schemas.js";

export const listFlowsRoute = createRoute({
  operationId: "listFlows",
  method: "get",
  path: "/v1/bots/{botId}/flows",
  tags: ["Flows"],
  summary: "The bot's keyword flows",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: { 200: jsonResponse(z.array(FlowSchema), "Oldest first"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const listFlowsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listFlowsRoute> =>
  async (c) =>
    c.json(await listFlows(deps, c.req.valid("param").botId), 200);
