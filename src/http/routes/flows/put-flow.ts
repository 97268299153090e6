import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { putFlow } from "../../../services/flows/flow-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { FlowDocument, FlowParams, FlowSchema } from "./flow-schemas.js";

export const putFlowRoute = createRoute({
  operationId: "putFlow",
  method: "put",
  path: "/v1/bots/{botId}/flows/{flowId}",
  tags: ["Flows"],
  summary: "Create or replace a keyword flow (validated and compiled; each save is a version)",
  description:
    "Rejected with 400 and a path per problem: unknown state targets, no initial state, " +
    "invalid CEL conditions, duplicate names, bad regexes, unknown divisions. Warnings " +
    "(unreachable states) come back with the saved flow.",
  security: bearerSecurity,
  request: { params: FlowParams, body: jsonBody(FlowDocument) },
  responses: {
    200: jsonResponse(FlowSchema, "Replaced"),
    201: jsonResponse(FlowSchema, "Created"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const putFlowHandler =
  (deps: ServiceDeps): RouteHandler<typeof putFlowRoute> =>
  async (c) => {
    const { botId, flowId } = c.req.valid("param");
    const { view, created } = await putFlow(deps, botId, flowId, c.req.valid("json"));
    return created ? c.json(view, 201) : c.json(view, 200);
  };
