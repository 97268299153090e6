import { createRoute, type RouteHandler, type z } from "@hono/zod-openapi";
import { createImpactPreviewer } from "../../../services/evals/impact-preview.js";
import type { PipelineDeps } from "../../../services/pipeline-deps.js";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "../../openapi.js";
import { BotParams } from "../../schemas.js";
import { ImpactPreviewRequest, ImpactPreviewResponse } from "./impact-schemas.js";

export type ImpactPreviewBody = z.input<typeof ImpactPreviewRequest>;
export type ImpactPreviewResult = z.infer<typeof ImpactPreviewResponse>;

export const previewImpactRoute = createRoute({
  operationId: "previewImpact",
  method: "post",
  path: "/v1/bots/{botId}/evals",
  tags: ["Evals"],
  summary: "Impact preview: run cases against the live configuration and a draft, before saving it",
  description:
    "Runs a dataset, or the bot's latest routed turns from the decision log, through the " +
    "production routing code twice: as the bot is configured now and with the draft applied " +
    "(division prompts, keywords, thresholds, ...). Returns both eval reports and the turns " +
    "whose decision would change. Nothing is saved; with an LLM configured, each side's cases " +
    "cost one routing call each (unchanged prompts are answered once).",
  security: bearerSecurity,
  request: { params: BotParams, body: jsonBody(ImpactPreviewRequest) },
  responses: {
    200: jsonResponse(ImpactPreviewResponse, "Both reports and the changed turns"),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
    413: { ...errorResponses[413], description: "Body over 64 MiB" },
    415: errorResponses[415],
  },
});

export const previewImpactHandler = (deps: PipelineDeps): RouteHandler<typeof previewImpactRoute> => {
  const preview = createImpactPreviewer(deps);
  return async (c) => c.json(await preview(c.req.valid("param").botId, c.req.valid("json")), 200);
};
