import type { FlowTurnInput } from "../../flows/flow-input.js";
import { flowInput, matchFlows, runFlows } from "./flow-router.js";
import type { Logger } from "pino";
import type { ServiceDeps } from "../../context.js";
import { recallOrNothing } from "../../memory/recall.js";
import type { LlmBudget } from "./llm-budget.js";
import { routeWithLlm } from "./llm-router.js";
import { asksForHuman, routeDivisionChoice, routeHumanIntent } from "./human-intent-router.js";
import { routeWithFallback } from "./fallback-router.js";
import { loadTrainedRouter } from "./trained-router.js";
import type { FallbackCause, RoutedTurn } from "./routed-turn.js";
import type { TurnContext } from "./turn-context.js";

export type RoutingDeps = {
  /** The configured routing LLM behind its deadline and circuit breaker; null = no LLM. */
  llmBudget: LlmBudget | null;
};

/** What the caller hears about a decision in progress. */
export type RoutingHooks = {
  /** The decision is about to wait on the LLM (e.g. to show the customer the bot is typing). */
  beforeLlm?: (ctx: TurnContext) => void;
};

/**
 * Routes a bot-owned customer turn, in the order of docs/architecture.md "Routing precedence" (a
 * handback and a bot handover's named flow run the flows directly, in prepare-turn.ts): a chosen
 * division or the "talk to a human" intent; a keyword flow that expects
 * this input (no LLM call); the LLM when smart handover is on, with similar examples and knowledge
 * passages; and whenever the LLM is absent or fails, the deterministic fallback (keyword intents,
 * the nearest-example vote, a matching knowledge passage, the flow's fallback state, the default
 * reply), stamped `source: "fallback"` with the reason.
 */
export async function decideTurn(
  deps: RoutingDeps & Pick<ServiceDeps, "db" | "embedder"> & { logger: Logger },
  ctx: TurnContext,
  hooks: RoutingHooks = {},
): Promise<RoutedTurn> {
  const active = ctx.divisions.filter((d) => d.active);
  const chosen = routeDivisionChoice(ctx, active);
  if (chosen) return chosen;
  if (asksForHuman(ctx.turn.text) !== undefined) {
    const human = routeHumanIntent({ ...ctx, router: await loadTrainedRouter(deps.db, ctx.botId, deps.logger) }, active);
    if (human) return human;
  }

  const input = flowInput(ctx);
  const match = matchFlows(ctx, input);
  if (match.kind === "transition" || match.kind === "start") return runFlows(ctx, input, `flow ${match.kind}`, { match });
  const flowFallback = match.kind === "fallback" ? () => runFlows(ctx, input, "flow fallback", { match }) : undefined;
  // The wait starts with the recall (an embeddings call with EMBEDDINGS=openai), then the LLM.
  if (withoutLlm(deps, ctx) === null) hooks.beforeLlm?.(ctx);
  return decideWithMemory(deps, { ...ctx, memory: await recallOrNothing(deps, ctx.botId, ctx.turn.text) }, input, flowFallback);
}

/** Why this turn is decided without the LLM, or null when the LLM is asked. */
function withoutLlm(deps: RoutingDeps, ctx: TurnContext): { why: string; cause: FallbackCause } | null {
  if (!ctx.settings.smartHandover.enabled) return { why: "smart handover is off", cause: "smart_handover_off" };
  if (!deps.llmBudget) return { why: "no LLM configured", cause: "no_llm" };
  // Queued longer than the budget already: answer now rather than queue behind the LLM too.
  if ((ctx.llmWaitMs ?? Number.POSITIVE_INFINITY) <= 0) return { why: "the turn waited longer than its wait budget", cause: "wait_budget" };
  return null;
}

/** The LLM, else the deterministic fallback, both reading the bot's examples and knowledge. */
async function decideWithMemory(
  deps: RoutingDeps & Pick<ServiceDeps, "db"> & { logger: Logger },
  ctx: TurnContext,
  input: FlowTurnInput,
  flowFallback: (() => RoutedTurn) | undefined,
): Promise<RoutedTurn> {
  // The trained router is read only when the fallback answers: an LLM turn never pays for it.
  const offline = async (why: string, cause: FallbackCause): Promise<RoutedTurn> => ({
    ...routeWithFallback({ ...ctx, router: await loadTrainedRouter(deps.db, ctx.botId, deps.logger) }, why, flowFallback),
    fallbackCause: cause,
  });
  const skip = withoutLlm(deps, ctx);
  if (skip !== null || !deps.llmBudget) return offline(skip?.why ?? "no LLM configured", skip?.cause ?? "no_llm");

  const llm = await routeWithLlm(deps.llmBudget, ctx, {
    examples: ctx.memory.examples.map((e) => ({ text: e.text, label: e.label })),
    knowledge: ctx.memory.knowledge.map((k) => k.text),
  });
  if (llm.ok) {
    const startFlowId = llm.routed.startFlowId;
    if (!startFlowId) return llm.routed;
    const flow = runFlows(ctx, input, `flow ${startFlowId}`, { startFlowId });
    return {
      ...flow,
      decision: {
        ...llm.routed.decision,
        route: flow.decision.route,
        divisionId: flow.decision.divisionId,
        reason: `${llm.routed.decision.reason}; ${flow.decision.reason}`,
      },
    };
  }
  const fallback = await offline(llm.failure, llm.cause);
  return { ...fallback, decision: { ...fallback.decision, ...llm.attempt } };
}
