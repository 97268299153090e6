import type { Decision } from "../../../domain/decision.js";
import type { RoutedTurn } from "./routed-turn.js";
import { defaultDivision, whichDivisionQuestion } from "./routing-replies.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";

/**
 * A handover below `confidenceThreshold` (the LLM's answer, or the trained router's calibrated
 * probability): ask the one clarifying question; asked already, the default division; without
 * one, let the customer pick the team. `weighed` is what was compared with the threshold (the
 * trained router weighs a team given that a person is needed; see chooseLabel).
 */
export function unsure(ctx: TurnContext, active: DivisionInfo[], decision: Decision, weighed = decision.confidence): RoutedTurn {
  const note = `confidence ${weighed.toFixed(2)} < ${String(ctx.settings.confidenceThreshold)}`;
  if (!ctx.clarifyPending) {
    return {
      decision: { ...decision, route: "clarify", reason: `${decision.reason} (${note}: asking a clarifying question)` },
      replies: [{ content: ctx.settings.clarifyingQuestion }],
      handoverTo: null,
    };
  }
  const fallbackDivision = defaultDivision(ctx, active);
  if (fallbackDivision) {
    return {
      decision: {
        ...decision,
        route: "handover",
        divisionId: fallbackDivision.id,
        reason: `${decision.reason} (${note} after a clarifying question: default division)`,
      },
      replies: [],
      handoverTo: fallbackDivision,
    };
  }
  return {
    decision: {
      ...decision,
      route: "clarify",
      divisionId: null,
      reason: `${decision.reason} (${note} after a clarifying question, no default division: asking which team)`,
    },
    replies: [whichDivisionQuestion(active)],
    handoverTo: null,
  };
}
