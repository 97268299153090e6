import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { previewOfficeHours } from "../../../services/office-hours/office-hours-preview.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, OfficeHoursSchema } from "../../schemas.js";

const PreviewRequest = z
  .strictObject({
    officeHours: OfficeHoursSchema.optional().describe("An unsaved schedule to try"),
    divisionId: z.string().min(1).max(100).optional().describe("Preview this division's own hours (the bot's when it has none)"),
  })
  .openapi("OfficeHoursPreviewRequest");

const PreviewResponse = z
  .object({
    source: z.enum(["draft", "division", "bot"]).describe("Which schedule was read"),
    timeZone: z.string(),
    now: z.string().describe("The current time in the schedule's zone"),
    open: z.boolean(),
    holiday: z.string().nullable().describe("Today's holiday, if any"),
    nextOpeningAt: z.string().nullable().describe("Null when open now, or when it never opens within a year"),
    nextOpening: z.string().nullable().describe("As {{nextOpening}} renders it in a message"),
  })
  .openapi("OfficeHoursPreview");

export const previewOfficeHoursRoute = createRoute({
  operationId: "previewOfficeHours",
  method: "post",
  path: "/v1/bots/{botId}/office-hours/preview",
  tags: ["Settings"],
  summary: "Now: open or closed, and the next opening, for the stored or an unsaved schedule",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(PreviewRequest) },
  responses: {
    200: jsonResponse(PreviewResponse, "Open now, and when it next opens"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    415: errorResponses[415],
  },
});

export const previewOfficeHoursHandler =
  (deps: ServiceDeps): RouteHandler<typeof previewOfficeHoursRoute> =>
  async (c) =>
    c.json(await previewOfficeHours(deps, c.req.valid("param").botId, c.req.valid("json")), 200);
