import { swaggerUI } from "@hono/swagger-ui";
import { requestId } from "hono/request-id";
import { AppError } from "./errors.js";
import "./http/context.js";
import { adminAuth } from "./http/middleware/admin-auth.js";
import { bodyLimit } from "./http/middleware/body-limit.js";
import { errorHandler } from "./http/middleware/error-handler.js";
import { requestLogger } from "./http/middleware/request-logger.js";
import { createRouter } from "./http/openapi.js";
import { registerConsole } from "./http/console/serve-console.js";
import { getAnalyticsHandler, getAnalyticsRoute } from "./http/routes/analytics/get-analytics.js";
import { registerBotRoutes } from "./http/routes/bots/index.js";
import { checkConnectionHandler, checkConnectionRoute } from "./http/routes/bots/check-connection.js";
import { getConversationHandler, getConversationRoute } from "./http/routes/conversations/get-conversation.js";
import { listConversationsHandler, listConversationsRoute } from "./http/routes/conversations/list-conversations.js";
import { simulateTurnHandler, simulateTurnRoute } from "./http/routes/conversations/simulate-turn.js";
import { previewImpactHandler, previewImpactRoute } from "./http/routes/evals/preview-impact.js";
import { registerExampleRoutes } from "./http/routes/examples/index.js";
import { registerKnowledgeRoutes } from "./http/routes/knowledge/index.js";
import { registerFlowRoutes } from "./http/routes/flows/index.js";
import { registerDivisionRoutes } from "./http/routes/divisions/index.js";
import { registerSettingsRoutes } from "./http/routes/settings/index.js";
import { previewOfficeHoursHandler, previewOfficeHoursRoute } from "./http/routes/settings/preview-office-hours.js";
import { healthHandler, healthRoute } from "./http/routes/system/health.js";
import { metricsHandler, metricsRoute } from "./http/routes/system/metrics.js";
import { readyHandler, readyRoute } from "./http/routes/system/ready.js";
import { receiveWebhookHandler, receiveWebhookRoute } from "./http/routes/webhooks/receive-webhook.js";
import type { AdminTokenVerifier } from "./services/auth/admin-token.js";
import type { PipelineDeps } from "./services/pipeline-deps.js";

export type AppDeps = PipelineDeps & {
  verifyAdminToken: AdminTokenVerifier;
  /** `/ready` answers 503 when a due job has waited this long to be claimed. */
  readyQueueStuckSeconds?: number;
};

export const maxBodyBytes = 1024 * 1024;
const defaultReadyQueueStuckSeconds = 300;
/** Bulk writes (50,000 examples, a bot export with its examples, knowledge documents, eval datasets). */
export const maxBulkBodyBytes = 64 * 1024 * 1024;
const bulkPaths = /^\/v1\/bots\/(import|[^/]+\/(examples|knowledge|evals))$/;

/** Builds the HTTP application; pure (no I/O), so tests call it with their own deps. */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  app.use(requestId());
  app.use(requestLogger(deps.logger));
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        // Answered before the body was read: the rest of it is still on the socket, which must
        // not carry a next request, so the client is told to open a new connection.
        c.header("Connection", "close");
        throw new AppError("payload_too_large", `The body is larger than ${String(maxSize)} bytes`);
      },
    });
  const small = limit(maxBodyBytes);
  const bulk = limit(maxBulkBodyBytes);
  app.use((c, next) => (bulkPaths.test(c.req.path) ? bulk(c, next) : small(c, next)));
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => {
    throw new AppError("not_found", `No route for ${c.req.method} ${c.req.path}`);
  });

  app.openapi(healthRoute, healthHandler);
  app.openapi(readyRoute, readyHandler({ ...deps, readyQueueStuckSeconds: deps.readyQueueStuckSeconds ?? defaultReadyQueueStuckSeconds }));
  app.use("/metrics", adminAuth(deps.verifyAdminToken));
  app.openapi(metricsRoute, metricsHandler(deps));
  app.openapi(receiveWebhookRoute, receiveWebhookHandler(deps));
  registerConsole(app);

  app.use("/v1/*", adminAuth(deps.verifyAdminToken));
  registerBotRoutes(app, deps);
  registerDivisionRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerFlowRoutes(app, deps);
  registerExampleRoutes(app, deps);
  registerKnowledgeRoutes(app, deps);
  app.openapi(getConversationRoute, getConversationHandler(deps));
  app.openapi(simulateTurnRoute, simulateTurnHandler(deps));
  app.openapi(previewImpactRoute, previewImpactHandler(deps));
  app.openapi(checkConnectionRoute, checkConnectionHandler(deps));
  app.openapi(listConversationsRoute, listConversationsHandler(deps));
  app.openapi(previewOfficeHoursRoute, previewOfficeHoursHandler(deps));
  app.openapi(getAnalyticsRoute, getAnalyticsHandler(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "ADMIN_TOKEN",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Switchboard",
      version: "0.1.0",
      description: "Smart handover agent for Chatwoot-style inboxes: admin API and inbox webhook.",
    },
  });
  app.get("/docs", swaggerUI({ url: "/openapi.json", title: "Switchboard API" }));
  return app;
}

export type App = ReturnType<typeof createApp>;
