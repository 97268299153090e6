import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { listKnowledge } from "../../../services/memory/knowledge-service.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { KnowledgeSchema } from "./knowledge-schemas.js";

export const listKnowledgeRoute = createRoute({
  operationId: "listKnowledge",
  method: "get",
  path: "/v1/bots/{botId}/knowledge",
  tags: ["Knowledge"],
  summary: "The bot's knowledge documents, newest first",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: { 200: jsonResponse(z.array(KnowledgeSchema), "Documents"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const listKnowledgeHandler =
  (deps: ServiceDeps): RouteHandler<typeof listKnowledgeRoute> =>
  async (c) =>
    c.json(await listKnowledge(deps, c.req.valid("param").botId), 200);
