import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { checkReadiness } from "../../../services/health-service.js";
import { jsonResponse } from "../../openapi.js";

const ReadinessSchema = z.object({ ready: z.boolean(), database: z.enum(["ok", "unreachable"]) });

export const readyRoute = createRoute({
  method: "get",
  path: "/ready",
  tags: ["System"],
  summary: "Readiness: the database is reachable",
  responses: {
    200: jsonResponse(ReadinessSchema, "Ready"),
    503: jsonResponse(ReadinessSchema, "Not ready"),
  },
});

export const readyHandler =
  (deps: ServiceDeps): RouteHandler<typeof readyRoute> =>
  async (c) => {
    const readiness = await checkReadiness(deps);
    return readiness.ready ? c.json(readiness, 200) : c.json(readiness, 503);
  };
