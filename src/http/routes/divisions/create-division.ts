import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { ServiceDeps } from "../../../services/context.js";
import { createDivision } from "../../../services/divisions/division-service.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, DivisionInputSchema, DivisionSchema } from "../../schemas.js";

export const createDivisionRoute = createRoute({
  method: "post",
  path: "/v1/bots/{botId}/divisions",
  tags: ["Divisions"],
  summary: "Add a division (a human team the bot can hand over to)",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(DivisionInputSchema) },
  responses: {
    201: jsonResponse(DivisionSchema, "The division, at prompt version 1"),
    ...errorResponses,
  },
});

export const createDivisionHandler =
  (deps: ServiceDeps): RouteHandler<typeof createDivisionRoute> =>
  async (c) => c.json(await createDivision(deps, c.req.valid("param").botId, c.req.valid("json")), 201);
