import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { Metrics } from "../../../metrics/metrics.js";
import { bearerSecurity, errorResponses } from "../../openapi.js";

export const metricsRoute = createRoute({
  operationId: "metrics",
  method: "get",
  path: "/metrics",
  tags: ["System"],
  summary: "Prometheus metrics: acknowledgements, queues, turns, LLM, handovers, inbox API",
  description: "The Prometheus text format. Needs the admin token (a scrape config's `authorization` / `bearer_token`).",
  security: bearerSecurity,
  responses: {
    200: { description: "Prometheus text exposition", content: { "text/plain": { schema: z.string() } } },
    401: errorResponses[401],
  },
});

export const metricsHandler =
  (deps: { metrics: Metrics }): RouteHandler<typeof metricsRoute> =>
  async (c) => {
    const { contentType, body } = await deps.metrics.render();
    return c.text(body, 200, { "content-type": contentType });
  };
