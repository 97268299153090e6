import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { checkConnection } from "../../../services/bots/connection-check.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { bearerSecurity, errorResponses, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";

const ConnectionCheckSchema = z
  .object({
    ok: z.boolean().describe("No check failed"),
    checks: z.array(
      z.object({
        name: z.enum(["credentials", "agents", "inbox", "webhook", "signing", "lastSend"]),
        status: z.enum(["ok", "warning", "failed", "skipped"]),
        detail: z.string(),
      }),
    ),
  })
  .openapi("ConnectionCheck");

export const checkConnectionRoute = createRoute({
  operationId: "checkConnection",
  method: "post",
  path: "/v1/bots/{botId}/connection-check",
  tags: ["Bots"],
  summary: "Check the connection with the inbox: credentials, an administrator read, deliveries received, the last send",
  description: "Makes only read calls to the inbox (agents, the inbox); nothing is sent.",
  security: bearerSecurity,
  request: { params: BotParams },
  responses: {
    200: jsonResponse(ConnectionCheckSchema, "Each check with its status"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const checkConnectionHandler =
  (deps: PipelineDeps): RouteHandler<typeof checkConnectionRoute> =>
  async (c) =>
    c.json(await checkConnection(deps, c.req.valid("param").botId), 200);
