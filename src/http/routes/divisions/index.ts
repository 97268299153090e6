import type { OpenAPIHono } from "@hono/zod-openapi";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { createDivisionHandler, createDivisionRoute } from "./create-division.js";
import { deleteDivisionHandler, deleteDivisionRoute } from "./delete-division.js";
import { getDivisionHandler, getDivisionRoute } from "./get-division.js";
import { listDivisionsHandler, listDivisionsRoute } from "./list-divisions.js";
import { listPromptVersionsHandler, listPromptVersionsRoute } from "./list-prompt-versions.js";
import { patchDivisionHandler, patchDivisionRoute } from "./patch-division.js";
import { restorePromptVersionHandler, restorePromptVersionRoute } from "./restore-prompt-version.js";

export function registerDivisionRoutes(router: OpenAPIHono, deps: PipelineDeps): void {
  router.openapi(createDivisionRoute, createDivisionHandler(deps));
  router.openapi(listDivisionsRoute, listDivisionsHandler(deps));
  router.openapi(getDivisionRoute, getDivisionHandler(deps));
  router.openapi(patchDivisionRoute, patchDivisionHandler(deps));
  router.openapi(deleteDivisionRoute, deleteDivisionHandler(deps));
  router.openapi(listPromptVersionsRoute, listPromptVersionsHandler(deps));
  router.openapi(restorePromptVersionRoute, restorePromptVersionHandler(deps));
}
