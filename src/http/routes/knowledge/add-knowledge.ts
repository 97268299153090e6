import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { addKnowledge } from "../../../services/memory/knowledge-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { KnowledgeRequest, KnowledgeSchema } from "./knowledge-schemas.js";

export const addKnowledgeRoute = createRoute({
  operationId: "addKnowledge",
  method: "post",
  path: "/v1/bots/{botId}/knowledge",
  tags: ["Knowledge"],
  summary: "Add an FAQ or policy document that grounds the bot's own replies",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(KnowledgeRequest) },
  responses: {
    201: jsonResponse(KnowledgeSchema, "Stored, split and embedded"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    413: errorResponses[413],
  },
});

export const addKnowledgeHandler =
  (deps: ServiceDeps): RouteHandler<typeof addKnowledgeRoute> =>
  async (c) =>
    c.json(await addKnowledge(deps, c.req.valid("param").botId, c.req.valid("json")), 201);
