import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { createDivision } from "../../../services/divisions/division-service.js";
import { checkDivisionTeam } from "../../../services/divisions/team-check.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams, DivisionInputSchema, DivisionSchema } from "../../schemas.js";

export const createDivisionRoute = createRoute({
  operationId: "createDivision",
  method: "post",
  path: "/v1/bots/{botId}/divisions",
  tags: ["Divisions"],
  summary: "Add a division (a human team the bot can hand over to)",
  description: "With the bot's inbox administrator token, `teamId` is checked against the inbox's teams (400 naming `teamId` when the inbox has no such team).",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(DivisionInputSchema) },
  responses: {
    201: jsonResponse(DivisionSchema, "The division, at prompt version 1"),
    ...errorResponses,
  },
});

export const createDivisionHandler =
  (deps: PipelineDeps): RouteHandler<typeof createDivisionRoute> =>
  async (c) => {
    const { botId } = c.req.valid("param");
    const input = c.req.valid("json");
    await checkDivisionTeam(deps, botId, input.teamId);
    return c.json(await createDivision(deps, botId, input), 201);
  };
