import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { listBots } from "../../../services/bots/bot-service.js";
import type { ServiceDeps } from "../../../services/context.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotSchema } from "../../schemas.js";

export const listBotsRoute = createRoute({
  operationId: "listBots",
  method: "get",
  path: "/v1/bots",
  tags: ["Bots"],
  summary: "List bots",
  security: bearerSecurity,
  responses: {
    200: jsonResponse(z.object({ items: z.array(BotSchema) }), "All bots, oldest first"),
    401: errorResponses[401],
  },
});

export const listBotsHandler =
  (deps: ServiceDeps): RouteHandler<typeof listBotsRoute> =>
  async (c) =>
    c.json({ items: await listBots(deps) }, 200);
