import { Hono } from "hono";
import type { Engine } from "../engine.js";
import { accountRoutes } from "./account-routes.js";
import { assignmentAndLabelRoutes } from "./assignment-routes.js";
import { conversationRoutes } from "./conversation-routes.js";
import { apiErrors } from "./errors.js";
import type { Faults } from "./faults.js";
import { messageRoutes } from "./message-routes.js";
import { type ApiCall, registerRoutes } from "./router.js";

/**
 * The inbox REST API (`/api/v1/accounts/{account_id}/...`), with a way to make calls hang that
 * ends when the caller gives up or the emulator closes.
 */
export function createApiApp(engine: Engine, faults: Faults, calls: ApiCall[], hangMs: number) {
  const app = new Hono();
  const hanging = new Set<() => void>();
  const hang = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        hanging.delete(done);
        resolve();
      };
      const timer = setTimeout(done, hangMs);
      hanging.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  // ApiController#index (app/controllers/api_controller.rb): no token needed; `{version, timestamp}` on v1.18.
  app.get("/api", (c) => {
    const timestamp = new Date(engine.time.clockMillis()).toISOString().replace("T", " ").slice(0, 19);
    const health = engine.profile.legacyShapes ? {} : { queue_services: "ok", data_services: "ok" };
    return c.json({ version: engine.profile.version, timestamp, ...health });
  });
  registerRoutes(app, { engine, faults, calls, hang }, [
    ...conversationRoutes(engine),
    ...messageRoutes(engine),
    ...assignmentAndLabelRoutes(engine),
    ...accountRoutes(engine),
  ]);
  return {
    app,
    /** Ends every hanging call (on close). */
    releaseHangs(): void {
      for (const done of [...hanging]) done();
    },
    notFound: () => apiErrors.notFound(),
  };
}
