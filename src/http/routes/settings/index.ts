import type { OpenAPIHono } from "@hono/zod-openapi";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { importOfficeHoursHandler, importOfficeHoursRoute } from "./import-office-hours.js";
import { getOfficeHoursHandler, getOfficeHoursRoute } from "./get-office-hours.js";
import { getSettingsHandler, getSettingsRoute } from "./get-settings.js";
import { putOfficeHoursHandler, putOfficeHoursRoute } from "./put-office-hours.js";
import { putSettingsHandler, putSettingsRoute } from "./put-settings.js";

export function registerSettingsRoutes(router: OpenAPIHono, deps: PipelineDeps): void {
  router.openapi(getSettingsRoute, getSettingsHandler(deps));
  router.openapi(putSettingsRoute, putSettingsHandler(deps));
  router.openapi(getOfficeHoursRoute, getOfficeHoursHandler(deps));
  router.openapi(putOfficeHoursRoute, putOfficeHoursHandler(deps));
  router.openapi(importOfficeHoursRoute, importOfficeHoursHandler(deps));
}
