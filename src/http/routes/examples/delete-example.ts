import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { deleteExample } from "../../../services/memory/example-service.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";
import { ExampleParams } from "./example-schemas.js";

export const deleteExampleRoute = createRoute({
  operationId: "deleteExample",
  method: "delete",
  path: "/v1/bots/{botId}/examples/{exampleId}",
  tags: ["Examples"],
  summary: "Delete one labelled example",
  security: bearerSecurity,
  request: { params: ExampleParams },
  responses: { 204: { description: "Deleted" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const deleteExampleHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteExampleRoute> =>
  async (c) => {
    const { botId, exampleId } = c.req.valid("param");
    await deleteExample(deps, botId, exampleId);
    return c.body(null, 204);
  };
