import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { jsonResponse } from "../../openapi.js";

export const healthRoute = createRoute({
  operationId: "health",
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness: the process answers",
  responses: { 200: jsonResponse(z.object({ status: z.literal("ok") }), "Alive") },
});

export const healthHandler: RouteHandler<typeof healthRoute> = (c) => c.json({ status: "ok" as const }, 200);
