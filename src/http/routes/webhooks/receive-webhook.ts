import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { acceptDelivery } from "../../../services/turn/intake/accept-delivery.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { errorResponses, jsonResponse } from "../../openapi.js";

export const receiveWebhookRoute = createRoute({
  operationId: "receiveWebhook",
  method: "post",
  path: "/webhooks/omnichat/{botId}/{token}",
  tags: ["Inbox webhook"],
  summary: "Agent-bot webhook: the inbox posts every conversation event here",
  description:
    "Chatwoot-style agent-bot events (current and 2021 shapes). Authenticated by the token in " +
    "the URL and, when the bot has a signingSecret, by `X-Chatwoot-Signature` over " +
    "`<X-Chatwoot-Timestamp>.<raw body>` (±300 s); a bot with `refuseUnsignedDeliveries` and " +
    "no secret refuses every delivery. Answers 200 once the event is durably stored " +
    "(de-duplicated by its content and by `X-Chatwoot-Delivery`); processing is asynchronous. " +
    "A body that cannot be stored is refused with a 4xx problem naming the field; a body over " +
    "1 MiB gets 413 and the connection is closed.",
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
        deliveryId: c.req.header("x-chatwoot-delivery"),
      });
      outcome = result.status;
      return c.json(result, 200);
    } finally {
      deps.metrics.webhookAcknowledged(outcome, (performance.now() - started) / 1000);
    }
  };
