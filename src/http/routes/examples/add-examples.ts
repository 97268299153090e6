import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { addExamples } from "../../../services/memory/example-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { AddExamplesRequest } from "./example-schemas.js";

export const addExamplesRoute = createRoute({
  operationId: "addExamples",
  method: "post",
  path: "/v1/bots/{botId}/examples",
  tags: ["Examples"],
  summary: "Add labelled example utterances (up to 50,000 per call), embedded for routing",
  description: "All or nothing: one unknown label rejects the call with a path per bad example.",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(AddExamplesRequest) },
  responses: {
    201: jsonResponse(z.object({ added: z.number().int() }), "Stored and embedded"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    413: errorResponses[413],
  },
});

export const addExamplesHandler =
  (deps: ServiceDeps): RouteHandler<typeof addExamplesRoute> =>
  async (c) =>
    c.json(await addExamples(deps, c.req.valid("param").botId, c.req.valid("json").examples), 201);
