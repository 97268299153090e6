import { Hono } from "hono";

/**
 * The baseline: a bare Hono app with one POST route on the webhook's path shape that parses the
 * JSON body and answers 200 JSON. No middleware, no validation, no database.
 */
export function createBareApp() {
  const app = new Hono();
  app.post("/webhooks/omnichat/:botId/:token", async (c) => {
    const body: unknown = await c.req.json();
    const kind = typeof body === "object" && body !== null && "event" in body && typeof body.event === "string" ? body.event : "unknown";
    return c.json({ status: "accepted", kind }, 200);
  });
  return app;
}
