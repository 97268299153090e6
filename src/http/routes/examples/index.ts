import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { addExamplesHandler, addExamplesRoute } from "./add-examples.js";
import { deleteExampleHandler, deleteExampleRoute } from "./delete-example.js";
import { listExamplesHandler, listExamplesRoute } from "./list-examples.js";

export function registerExampleRoutes(router: OpenAPIHono, deps: ServiceDeps): void {
  router.openapi(addExamplesRoute, addExamplesHandler(deps));
  router.openapi(listExamplesRoute, listExamplesHandler(deps));
  router.openapi(deleteExampleRoute, deleteExampleHandler(deps));
}
