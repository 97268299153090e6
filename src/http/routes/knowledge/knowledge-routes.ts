import { createRoute, type OpenAPIHono, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { addKnowledge, deleteKnowledge, listKnowledge } from "../../../services/semantic/knowledge-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";

const KnowledgeRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(500_000).describe("FAQ or policy text; split into passages and embedded"),
    format: z.enum(["text", "markdown"]).default("markdown"),
  })
  .openapi("KnowledgeRequest");

const KnowledgeSchema = z
  .object({ id: z.string(), title: z.string(), format: z.enum(["text", "markdown"]), chunks: z.number().int(), characters: z.number().int(), createdAt: z.string() })
  .openapi("KnowledgeDocument");

const DocumentParams = BotParams.extend({
  documentId: z.string().min(1).max(100).openapi({ param: { name: "documentId", in: "path" }, example: "kn_3k9x0c2m4n5p6q7r8s9t" }),
});

export const addKnowledgeRoute = createRoute({
  method: "post",
  path: "/v1/bots/{botId}/knowledge",
  tags: ["Knowledge"],
  summary: "Add an FAQ or policy document that grounds the bot's own replies",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(KnowledgeRequest) },
  responses: { 201: jsonResponse(KnowledgeSchema, "Stored, split and embedded"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404], 413: errorResponses[413] },
});

export const listKnowledgeRoute = createRoute({
  method: "get",
  path: "/v1/bots/{botId}/knowledge",
  tags: ["Knowledge"],
  summary: "The bot's knowledge documents, newest first",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: { 200: jsonResponse(z.array(KnowledgeSchema), "Documents"), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

export const deleteKnowledgeRoute = createRoute({
  method: "delete",
  path: "/v1/bots/{botId}/knowledge/{documentId}",
  tags: ["Knowledge"],
  summary: "Delete a knowledge document and its passages",
  security: bearerSecurity,
  request: { params: DocumentParams },
  responses: { 204: { description: "Deleted" }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});

const addHandler =
  (deps: ServiceDeps): RouteHandler<typeof addKnowledgeRoute> =>
  async (c) => c.json(await addKnowledge(deps, c.req.valid("param").botId, c.req.valid("json")), 201);

const listHandler =
  (deps: ServiceDeps): RouteHandler<typeof listKnowledgeRoute> =>
  async (c) => c.json(await listKnowledge(deps, c.req.valid("param").botId), 200);

const deleteHandler =
  (deps: ServiceDeps): RouteHandler<typeof deleteKnowledgeRoute> =>
  async (c) => {
    const { botId, documentId } = c.req.valid("param");
    await deleteKnowledge(deps, botId, documentId);
    return c.body(null, 204);
  };

export function registerKnowledgeRoutes(router: OpenAPIHono, deps: ServiceDeps): void {
  router.openapi(addKnowledgeRoute, addHandler(deps));
  router.openapi(listKnowledgeRoute, listHandler(deps));
  router.openapi(deleteKnowledgeRoute, deleteHandler(deps));
}
