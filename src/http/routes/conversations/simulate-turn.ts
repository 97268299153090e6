import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { inboxActionSchema, outgoingMessageSchema } from "../../../domain/decision.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { simulateTurn } from "../../../services/turn/simulate-turn.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { DecisionSchema } from "./decision-schema.js";

const SimulateRequest = z
  .object({
    conversationId: z.number().int().positive().describe("Any id; the emulator keeps this conversation's state between calls"),
    text: z.string().max(4000).optional().describe("What the customer writes"),
    payload: z.string().max(500).optional().describe("A quick-reply value or postback payload"),
    channel: z.string().max(100).optional().describe("Pretend channel, e.g. Channel::Instagram"),
    attachmentTypes: z.array(z.string().max(50)).max(10).optional().describe('Attachment signals, e.g. ["story_mention"]'),
    contentAttributes: z.record(z.string(), z.unknown()).optional().describe("As the inbox would send them, e.g. {story_id: ...}"),
    reset: z.boolean().optional().describe("Forget the conversation's state first"),
  })
  .refine((b) => (b.text?.trim() ?? "") !== "" || b.payload !== undefined || (b.attachmentTypes?.length ?? 0) > 0, {
    message: "give text, payload or attachmentTypes",
    path: ["text"],
  })
  .openapi("SimulateRequest");

const SimulateResponse = z
  .object({
    decision: DecisionSchema.nullable().describe("Null when a human owns the conversation (the bot stays silent)"),
    messages: z.array(outgoingMessageSchema).describe("What the customer would see, in order"),
    actions: z.array(inboxActionSchema).describe("Every inbox call that would be made, in order"),
    conversation: z.object({
      owner: z.enum(["bot", "human"]),
      handedOverTo: z.string().nullable(),
      flowState: z.record(z.string(), z.unknown()).nullable(),
      clarifyPending: z.boolean(),
    }),
  })
  .openapi("SimulateResponse");

export const simulateTurnRoute = createRoute({
  operationId: "simulateTurn",
  method: "post",
  path: "/v1/bots/{botId}/simulate",
  tags: ["Conversations"],
  summary: "The emulator: run one customer turn through the routing pipeline without the inbox",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(SimulateRequest) },
  responses: {
    200: jsonResponse(SimulateResponse, "The decision and what would be sent"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

export const simulateTurnHandler =
  (deps: PipelineDeps): RouteHandler<typeof simulateTurnRoute> =>
  async (c) => {
    const { botId } = c.req.valid("param");
    return c.json(await simulateTurn(deps, botId, c.req.valid("json")), 200);
  };
