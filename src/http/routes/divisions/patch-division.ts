import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { patchDivision } from "../../../services/divisions/division-service.js";
import { checkDivisionTeam } from "../../../services/divisions/team-check.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { DivisionParams, DivisionPatchSchema, DivisionSchema } from "../../schemas.js";

export const patchDivisionRoute = createRoute({
  operationId: "patchDivision",
  method: "patch",
  path: "/v1/bots/{botId}/divisions/{divisionId}",
  tags: ["Divisions"],
  summary: "Change a division; a changed prompt becomes a new version",
  security: bearerSecurity,
  request: { params: DivisionParams, body: jsonBody(DivisionPatchSchema) },
  responses: {
    200: jsonResponse(DivisionSchema, "The updated division"),
    ...errorResponses,
  },
});

export const patchDivisionHandler =
  (deps: PipelineDeps): RouteHandler<typeof patchDivisionRoute> =>
  async (c) => {
    const { botId, divisionId } = c.req.valid("param");
    const patch = c.req.valid("json");
    await checkDivisionTeam(deps, botId, patch.teamId);
    return c.json(await patchDivision(deps, botId, divisionId, patch), 200);
  };
