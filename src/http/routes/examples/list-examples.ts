import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listExamples } from "../../../services/memory/example-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { ExampleListQuery, ExamplePage } from "./example-schemas.js";

export const listExamplesRoute = createRoute({
  operationId: "listExamples",
  method: "get",
  path: "/v1/bots/{botId}/examples",
  tags: ["Examples"],
  summary: "A page of the bot's labelled examples, oldest first",
  security: bearerSecurity,
  request: { params: BotParams, query: ExampleListQuery },
  responses: { 200: jsonResponse(ExamplePage, "One page"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const listExamplesHandler =
  (deps: ServiceDeps): RouteHandler<typeof listExamplesRoute> =>
  async (c) =>
    c.json(await listExamples(deps, c.req.valid("param").botId, c.req.valid("query")), 200);
