import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { deleteFlowHandler, deleteFlowRoute } from "./delete-flow.js";
import { getFlowHandler, getFlowRoute } from "./get-flow.js";
import { listFlowVersionsHandler, listFlowVersionsRoute } from "./list-flow-versions.js";
import { listFlowsHandler, listFlowsRoute } from "./list-flows.js";
import { putFlowHandler, putFlowRoute } from "./put-flow.js";
import { restoreFlowVersionHandler, restoreFlowVersionRoute } from "./restore-flow-version.js";

export function registerFlowRoutes(router: OpenAPIHono, deps: ServiceDeps): void {
  router.openapi(listFlowsRoute, listFlowsHandler(deps));
  router.openapi(getFlowRoute, getFlowHandler(deps));
  router.openapi(putFlowRoute, putFlowHandler(deps));
  router.openapi(deleteFlowRoute, deleteFlowHandler(deps));
  router.openapi(listFlowVersionsRoute, listFlowVersionsHandler(deps));
  router.openapi(restoreFlowVersionRoute, restoreFlowVersionHandler(deps));
}
