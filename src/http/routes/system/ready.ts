import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { checkReadiness } from "../../../services/health-service.js";
import { jsonResponse } from "../../openapi.js";

const ReadinessSchema = z.object({
  ready: z.boolean(),
  database: z.enum(["ok", "unreachable"]),
  queue: z.enum(["ok", "stuck", "unknown"]),
  stuck: z.array(z.object({ queue: z.string(), oldestDueSeconds: z.number() })).describe("Queues with a due job nobody has claimed for too long"),
});

export const readyRoute = createRoute({
  operationId: "ready",
  method: "get",
  path: "/ready",
  tags: ["System"],
  summary: "Readiness: the database is reachable and no queue is stuck",
  description:
    "503 when the database does not answer, or when a queue has a due job that no worker has " +
    "claimed for longer than `READY_QUEUE_STUCK_SECONDS` (the workers are wedged, or the " +
    "process cannot keep up).",
  responses: {
    200: jsonResponse(ReadinessSchema, "Ready"),
    503: jsonResponse(ReadinessSchema, "Not ready"),
  },
});

export const readyHandler =
  (deps: Pick<ServiceDeps, "db" | "clock"> & { readyQueueStuckSeconds: number }): RouteHandler<typeof readyRoute> =>
  async (c) => {
    const readiness = await checkReadiness(deps, deps.readyQueueStuckSeconds);
    return readiness.ready ? c.json(readiness, 200) : c.json(readiness, 503);
  };
