import type { LlmClassifier } from "./llm-classifier.js";
import { routeWithLlm } from "./llm-router.js";
import { routeByKeywords, routeDivisionChoice, routeHumanIntent } from "./keyword-router.js";
import type { RoutedTurn } from "./routed-turn.js";
import type { TurnContext } from "./turn-context.js";

export type RoutingDeps = {
  /** The configured routing LLM behind its deadline and circuit breaker; null = no LLM. */
  classifier: LlmClassifier | null;
};

/**
 * The one routing entry point for a bot-owned customer turn, in the order of ARCHITECTURE
 * "Precedence": a chosen division or the "talk to a human" intent first; then the LLM when smart
 * handover is on; and whenever the LLM is absent or fails, the deterministic fallback, stamped
 * `source: "fallback"` with the reason.
 */
export async function decideTurn(deps: RoutingDeps, ctx: TurnContext): Promise<RoutedTurn> {
  const active = ctx.divisions.filter((d) => d.active);
  const chosen = routeDivisionChoice(ctx, active) ?? routeHumanIntent(ctx, active, "policy");
  if (chosen) return chosen;

  if (!ctx.settings.smartHandover.enabled) return routeByKeywords(ctx, "smart handover is off");
  if (!deps.classifier) return routeByKeywords(ctx, "no LLM configured");

  const llm = await routeWithLlm(deps.classifier, ctx, { examples: [], knowledge: [] });
  if (llm.ok) return llm.routed;
  const fallback = routeByKeywords(ctx, llm.failure);
  return { ...fallback, decision: { ...fallback.decision, ...llm.attempt } };
}
