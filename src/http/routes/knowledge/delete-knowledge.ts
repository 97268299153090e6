import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { deleteKnowledge } from "../../../services/memory/knowledge-service.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";
import { DocumentParams } from "./knowledge-schemas.js";

export const deleteKnowledgeRoute = createRoute({
  operationId: "deleteKnowledge",
  method: "delete",
  path: "/v1/bots/{botId}/knowledge/{documentId}",
  tags: ["Knowledge"],
  summary: "Delete a knowledge document and its passages",
  security: bearerSecurity,
  request: { params: DocumentParams },
  responses: { 204: { description: "Deleted" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const deleteKnowledgeHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteKnowledgeRoute> =>
  async (c) => {
    const { botId, documentId } = c.req.valid("param");
    await deleteKnowledge(deps, botId, documentId);
    return c.body(null, 204);
  };
