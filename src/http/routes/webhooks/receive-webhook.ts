import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { acceptDelivery } from "../../../services/inbox/accept-delivery.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { errorResponses, jsonResponse } from "../../openapi.js";

export const receiveWebhookRoute = createRoute({
  method: "post",
  path: "/webhooks/omnichat/{botId}/{token}",
  tags: ["Inbox webhook"],
  summary: "Agent-bot webhook: the inbox posts every conversation event here",
  description:
    "Chatwoot-style agent-bot events (current and 2021 shapes). Authenticated by the token in the URL and, when the bot has a signingSecret, by `X-Chatwoot-Signature` over `<X-Chatwoot-Timestamp>.<raw body>` (±300 s). Answers 200 once the event is durably stored; processing is asynchronous.",
  request: {
    params: z.object({
      botId: z.string().openapi({ param: { name: "botId", in: "path" } }),
      token: z.string().openapi({ param: { name: "token", in: "path" } }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ status: z.enum(["accepted", "duplicate", "ignored"]), kind: z.string() }),
      "Stored (or a duplicate, or an event that needs nothing)",
    ),
    400: errorResponses[400],
    401: { description: "Wrong token or signature (no body)" },
    413: errorResponses[413],
  },
});

export const receiveWebhookHandler =
  (deps: PipelineDeps): RouteHandler<typeof receiveWebhookRoute> =>
  async (c) => {
    c.set("quietErrors", true);
    const started = performance.now();
    let outcome = "rejected";
    try {
      const { botId, token } = c.req.valid("param");
      const result = await acceptDelivery(deps, {
        botId,
        token,
        rawBody: new Uint8Array(await c.req.arrayBuffer()),
        signature: c.req.header("x-chatwoot-signature"),
        timestamp: c.req.header("x-chatwoot-timestamp"),
      });
      outcome = result.status;
      return c.json(result, 200);
    } finally {
      deps.metrics.webhookAcknowledged(outcome, (performance.now() - started) / 1000);
    }
  };
