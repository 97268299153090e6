import type { Decision } from "../../../domain/decision.js";
import { routeOutputJsonSchema, type RouteOutput, routeOutputSchema } from "../../../domain/route-output.js";
import { trimToChannel } from "../../../domain/channel-limits.js";
import type { BudgetedCallResult, LlmBudget } from "./llm-budget.js";
import type { FallbackCause, RoutedTurn } from "./routed-turn.js";
import { renderRoutePrompt } from "./route-prompt.js";
import { revealsPrompt } from "./prompt-leak.js";
import { unsure } from "./unsure.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";

/** What a failed LLM attempt leaves for the fallback's decision record. */
export type LlmAttempt = Pick<Decision, "promptVersion" | "model" | "latencyMs" | "tokens">;

export type LlmRouteResult = { ok: true; routed: RoutedTurn } | { ok: false; failure: string; attempt: LlmAttempt; cause: FallbackCause };

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Checks the answer against this bot's configuration: ids the bot does not have are failures, and
 * so is a reply that quotes the routing prompt (`secrets`: its stable part, the division prompts).
 */
function validate(
  output: unknown,
  active: DivisionInfo[],
  flowIds: string[],
  secrets: readonly string[],
): { ok: true; value: RouteOutput } | { ok: false; failure: string } {
  const parsed = routeOutputSchema.safeParse(output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, failure: `invalid answer: ${issue ? `${issue.path.join(".")} ${issue.message}` : "schema mismatch"}` };
  }
  const value = parsed.data;
  if (value.action === "handover" && !active.some((d) => d.id === value.division_id)) {
    return { ok: false, failure: `invalid answer: unknown or inactive division ${JSON.stringify(value.division_id)}` };
  }
  if (value.action === "flow" && !flowIds.includes(value.flow_id ?? "")) {
    return { ok: false, failure: `invalid answer: unknown flow ${JSON.stringify(value.flow_id)}` };
  }
  if (value.action === "bot_reply" && !value.reply?.trim()) return { ok: false, failure: "invalid answer: bot_reply without a reply" };
  if (value.reply && revealsPrompt(value.reply, secrets)) return { ok: false, failure: "invalid answer: the reply quotes the routing prompt" };
  return { ok: true, value };
}

/**
 * Asks the LLM to route the turn and turns a valid answer into a routed turn. Below the confidence
 * threshold a handover becomes one clarifying question; asked once already, the default division.
 */
export async function routeWithLlm(
  budget: LlmBudget,
  ctx: TurnContext,
  extras: { examples: { text: string; label: string }[]; knowledge: string[] },
): Promise<LlmRouteResult> {
  const active = ctx.divisions.filter((d) => d.active);
  const prompt = renderRoutePrompt({
    divisions: active,
    flows: ctx.flows.map((f) => ({ id: f.id, description: f.description || f.name })),
    confidenceThreshold: ctx.settings.confidenceThreshold,
    examples: extras.examples,
    knowledge: extras.knowledge,
    // The current message is sent apart, as the message; history holds the turns before it.
    history: ctx.history,
    message: ctx.turn.text,
  });
  const flowIds = ctx.flows.map((f) => f.id);
  const result = await budget.call(
    {
      system: prompt.system,
      user: prompt.user,
      schema: routeOutputJsonSchema(
        active.map((d) => d.id),
        flowIds,
      ),
    },
    { maxWaitMs: ctx.llmWaitMs ?? Number.POSITIVE_INFINITY },
  );
  const attempt: LlmAttempt = {
    promptVersion: prompt.promptVersion,
    model: result.ok ? result.model : budget.model,
    latencyMs: result.latencyMs,
    tokens: result.tokens,
  };
  if (!result.ok) return { ok: false, failure: result.failure, attempt, cause: failureCause(result) };
  const checked = validate(result.output, active, flowIds, [prompt.system, ...active.map((d) => d.prompt)]);
  if (!checked.ok) return { ok: false, failure: checked.failure, attempt, cause: "invalid_answer" };
  const answer = checked.value;
  const base: Decision = {
    ...attempt,
    route: "bot_reply",
    divisionId: null,
    confidence: round2(answer.confidence),
    alternatives: answer.alternatives
      .filter((a) => active.some((d) => d.id === a.division_id) && a.division_id !== answer.division_id)
      .slice(0, 3)
      .map((a) => ({ divisionId: a.division_id, confidence: round2(a.confidence) })),
    reason: answer.reason.trim() || "(no reason given)",
    source: "llm",
  };

  if (answer.action === "bot_reply") {
    return { ok: true, routed: { decision: base, replies: [{ content: trimToChannel(answer.reply ?? "", ctx.channel) }], handoverTo: null } };
  }
  if (answer.action === "flow") {
    return { ok: true, routed: { decision: { ...base, route: "flow" }, replies: [], handoverTo: null, startFlowId: answer.flow_id } };
  }
  const division = active.find((d) => d.id === answer.division_id);
  if (!division) return { ok: false, failure: "invalid answer: division vanished", attempt, cause: "invalid_answer" };
  if (answer.confidence >= ctx.settings.confidenceThreshold) {
    return { ok: true, routed: { decision: { ...base, route: "handover", divisionId: division.id }, replies: [], handoverTo: division } };
  }
  return { ok: true, routed: unsure(ctx, active, { ...base, divisionId: division.id }) };
}

function failureCause(result: Extract<BudgetedCallResult, { ok: false }>): FallbackCause {
  if (result.overBudget) return "wait_budget";
  if (result.failure.startsWith("circuit open")) return "circuit_open";
  return result.failure.startsWith("timeout") ? "llm_timeout" : "llm_error";
}
