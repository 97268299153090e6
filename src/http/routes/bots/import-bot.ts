import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { importBot } from "../../../services/bots/export-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotImportSchema, ImportedBotSchema } from "../../schemas.js";

export const importBotRoute = createRoute({
  operationId: "importBot",
  method: "post",
  path: "/v1/bots/import",
  tags: ["Bots"],
  summary: "Create a bot from an export, optionally with inbox credentials",
  security: bearerSecurity,
  request: { body: jsonBody(BotImportSchema) },
  responses: {
    201: jsonResponse(ImportedBotSchema, "The new bot, with its webhookUrl (shown only now)"),
    400: errorResponses[400],
    401: errorResponses[401],
    413: errorResponses[413],
    415: errorResponses[415],
  },
});

export const importBotHandler =
  (deps: ServiceDeps): RouteHandler<typeof importBotRoute> =>
  async (c) =>
    c.json(await importBot(deps, c.req.valid("json")), 201);
