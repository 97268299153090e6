import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { createBotHandler, createBotRoute } from "./create-bot.js";
import { deleteBotHandler, deleteBotRoute } from "./delete-bot.js";
import { exportBotHandler, exportBotRoute } from "./export-bot.js";
import { getBotHandler, getBotRoute } from "./get-bot.js";
import { importBotHandler, importBotRoute } from "./import-bot.js";
import { listBotsHandler, listBotsRoute } from "./list-bots.js";
import { patchBotHandler, patchBotRoute } from "./patch-bot.js";
import { rotateWebhookTokenHandler, rotateWebhookTokenRoute } from "./rotate-webhook-token.js";

export function registerBotRoutes(router: OpenAPIHono, deps: ServiceDeps): void {
  // /v1/bots/import is registered before /v1/bots/{botId} routes so "import" is never read as an id.
  router.openapi(importBotRoute, importBotHandler(deps));
  router.openapi(createBotRoute, createBotHandler(deps));
  router.openapi(listBotsRoute, listBotsHandler(deps));
  router.openapi(getBotRoute, getBotHandler(deps));
  router.openapi(patchBotRoute, patchBotHandler(deps));
  router.openapi(deleteBotRoute, deleteBotHandler(deps));
  router.openapi(exportBotRoute, exportBotHandler(deps));
  router.openapi(rotateWebhookTokenRoute, rotateWebhookTokenHandler(deps));
}
