import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { addKnowledgeHandler, addKnowledgeRoute } from "./add-knowledge.js";
import { deleteKnowledgeHandler, deleteKnowledgeRoute } from "./delete-knowledge.js";
import { listKnowledgeHandler, listKnowledgeRoute } from "./list-knowledge.js";

export function registerKnowledgeRoutes(router: OpenAPIHono, deps: ServiceDeps): void {
  router.openapi(addKnowledgeRoute, addKnowledgeHandler(deps));
  router.openapi(listKnowledgeRoute, listKnowledgeHandler(deps));
  router.openapi(deleteKnowledgeRoute, deleteKnowledgeHandler(deps));
}
