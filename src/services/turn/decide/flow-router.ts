import { type FlowTurnInput, flowInputFromTurn } from "../../flows/flow-input.js";
import { type FlowMatch, matchFlowInput } from "../../flows/match-flow-input.js";
import { runFlowTurn } from "../../flows/run-flow.js";
import { type RoutedTurn, withoutLlm } from "./routed-turn.js";
import { defaultDivision } from "./routing-replies.js";
import type { TurnContext } from "./turn-context.js";

export const flowInput = (ctx: TurnContext): FlowTurnInput => flowInputFromTurn(ctx.turn, ctx.channel, ctx.flowCursor?.offered ?? []);

/** How the flows would take this input: "transition"/"start" mean a flow expects it (no LLM). */
export const matchFlows = (ctx: TurnContext, input: FlowTurnInput) => matchFlowInput(ctx.flows, ctx.flowCursor, input);

/**
 * Runs the flows for this turn and turns the result into a routed turn: the flow's messages, its
 * handover (to the named division or the default one) or bot handover, and the next position.
 */
export function runFlows(
  ctx: TurnContext,
  input: FlowTurnInput,
  why: string,
  options: { startFlowId?: string; variables?: Record<string, unknown>; match?: FlowMatch } = {},
): RoutedTurn {
  const result = runFlowTurn(ctx.flows, ctx.flowCursor, input, { seed: ctx.seed, ...options });
  const path = result.steps.map((s) => `${s.flowId}/${s.state}`).join(" → ") || "(no state)";
  const reason = `${why}: ${result.intent ? `intent "${result.intent}", ` : ""}${path}${result.stopped ? " (stopped: command loop)" : ""}`;
  const active = ctx.divisions.filter((d) => d.active);
  const base = { ...withoutLlm, alternatives: [], source: "flow" as const, confidence: 1, reason };
  const routed: RoutedTurn = {
    decision: { ...base, route: "flow", divisionId: null },
    replies: result.messages,
    handoverTo: null,
    flowCursor: result.cursor,
  };
  if (result.handover) {
    // A division deleted since the flow was saved falls back to the default one.
    const division = active.find((d) => d.id === result.handover?.divisionId) ?? defaultDivision(ctx, active);
    if (division) {
      return {
        ...routed,
        decision: { ...routed.decision, route: "handover", divisionId: division.id },
        handoverTo: division,
        flowSaidHandover: result.messages.length > 0,
      };
    }
  }
  if (result.botHandover) return { ...routed, botHandover: result.botHandover };
  return routed;
}
