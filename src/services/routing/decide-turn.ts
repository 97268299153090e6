import type { PipelineDeps } from "../pipeline-deps.js";
import { type RoutedTurn, routeByKeywords } from "./keyword-router.js";
import type { TurnContext } from "./turn-context.js";

/**
 * The one routing entry point the pipeline calls for a bot-owned customer turn. Today the
 * deterministic keyword router; the LLM classifier and keyword flows plug in here.
 */
export function decideTurn(_deps: PipelineDeps, ctx: TurnContext): Promise<RoutedTurn> {
  return Promise.resolve(routeByKeywords(ctx));
}
