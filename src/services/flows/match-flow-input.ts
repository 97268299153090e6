import { type CompiledIntent, type IntentMatch, matchIntent } from "./match-intent.js";
import type { CompiledFlow, CompiledState } from "./compiled-flow.js";
import type { ConditionContext } from "./conditions.js";
import type { FlowCursor } from "./flow-cursor.js";
import type { FlowTurnInput } from "./flow-input.js";

/**
 * - transition: the active state expects this input (a menu digit, a quick-reply pick, a postback,
 *   a keyword intent): run the flow, no LLM needed.
 * - start: an initial intent starts (or restarts) a flow.
 * - fallback: only the flow's fallback intent or the state's self-transition would take it (the
 *   flow would repeat its question): the router may prefer the LLM.
 * - none: no flow takes this input.
 */
export type FlowMatchKind = "transition" | "start" | "fallback" | "none";

export type FlowMatch = {
  kind: FlowMatchKind;
  flowId: string | null;
  /** The intent that matched ("" when none did). */
  intent: string;
  attributes: Record<string, string>;
  /** The state to enter; null means "start the flow here" (its initial state's transitions decide). */
  to: string | null;
};

type BaseContext = Omit<ConditionContext, "intent" | "attributes">;

const none = (flowId: string | null): FlowMatch => ({ kind: "none", flowId, intent: "", attributes: {}, to: null });

/** The active flow and state of a cursor, if both still exist and the flow is switched on. */
export function activePosition(flows: readonly CompiledFlow[], cursor: FlowCursor): { flow: CompiledFlow; state: CompiledState } | null {
  if (!cursor) return null;
  const flow = flows.find((f) => f.id === cursor.flowId && f.active);
  const state = flow?.states.get(cursor.state);
  return flow && state ? { flow, state } : null;
}

/** Decides how the flows would take one input, without running anything. */
export function matchFlowInput(flows: readonly CompiledFlow[], cursor: FlowCursor, input: FlowTurnInput): FlowMatch {
  const position = activePosition(flows, cursor);
  const base: BaseContext = { content: input.content, payload: input.payload, variables: position ? (cursor?.variables ?? {}) : {} };
  const commands = input.type === "command";
  if (!position) {
    const start = bestInitial(flows, input, base, false);
    if (start) return { kind: "start", flowId: start.flow.id, intent: start.match.intent.name, attributes: start.match.attributes, to: null };
    // A flow whose fallback intent is also initial catches whatever nothing else does.
    const catchAll = commands ? null : bestInitial(flows, input, base, true);
    if (catchAll) return { kind: "fallback", flowId: catchAll.flow.id, intent: catchAll.match.intent.name, attributes: catchAll.match.attributes, to: null };
    return none(null);
  }

  const { flow, state } = position;
  const own = bestIntent(
    flow.intents.filter((i) => !i.fallback),
    input,
    base,
  );
  const expected = firstTransition(state, { ...base, intent: own?.intent.name ?? "", attributes: own?.attributes ?? {} });
  if (expected) return { kind: "transition", flowId: flow.id, intent: own?.intent.name ?? "", attributes: own?.attributes ?? {}, to: expected };

  const start = bestInitial(flows, input, base, false);
  if (start) return { kind: "start", flowId: start.flow.id, intent: start.match.intent.name, attributes: start.match.attributes, to: null };
  // Commands are the flow talking to itself: a command nobody listens to never repeats a state.
  if (commands) return none(flow.id);

  const fallback = own
    ? null
    : bestIntent(
        flow.intents.filter((i) => i.fallback),
        input,
        base,
      );
  if (fallback) {
    const to = firstTransition(state, { ...base, intent: fallback.intent.name, attributes: fallback.attributes });
    if (to) return { kind: "fallback", flowId: flow.id, intent: fallback.intent.name, attributes: fallback.attributes, to };
  }
  if (state.selfTransition) {
    const named = own ?? fallback;
    return { kind: "fallback", flowId: flow.id, intent: named?.intent.name ?? "", attributes: named?.attributes ?? {}, to: state.name };
  }
  return none(flow.id);
}

/**
 * Enters a flow the router chose (the LLM, or a bot handover naming a flow) whatever the input:
 * through the transition an intent of the input opens, else the initial state's own actions,
 * else the transition of the flow's first initial intent (the greeting menu, typically).
 */
export function matchForcedStart(flows: readonly CompiledFlow[], flowId: string, input: FlowTurnInput, variables: Record<string, unknown>): FlowMatch | null {
  const flow = flows.find((f) => f.id === flowId);
  const initial = flow?.states.get(flow.initialState);
  if (!flow || !initial) return null;
  const base: BaseContext = { content: input.content, payload: input.payload, variables };
  const start = (intent: string, attributes: Record<string, string>, to: string): FlowMatch => ({ kind: "start", flowId, intent, attributes, to });
  const own = bestIntent(
    flow.intents.filter((i) => !i.fallback),
    input,
    base,
  );
  const opened = own ? firstTransition(initial, { ...base, intent: own.intent.name, attributes: own.attributes }) : null;
  if (own && opened) return start(own.intent.name, own.attributes, opened);
  if (initial.actions.length > 0) return start(own?.intent.name ?? "", own?.attributes ?? {}, initial.name);
  for (const intent of flow.intents) {
    if (!intent.initial || intent.fallback) continue;
    const to = firstTransition(initial, { ...base, intent: intent.name, attributes: {} });
    if (to) return start(intent.name, {}, to);
  }
  return start("", {}, initial.name);
}

/** The first transition whose condition holds (a transition without one always does). */
export function firstTransition(state: CompiledState, ctx: ConditionContext): string | null {
  return state.transitions.find((t) => t.condition === null || t.condition(ctx))?.to ?? null;
}

function bestIntent(intents: readonly CompiledIntent[], input: FlowTurnInput, base: BaseContext): IntentMatch | null {
  // Intents are kept sorted by priority, so the first match is the best.
  for (const intent of intents) {
    const match = matchIntent(intent, input, base);
    if (match) return match;
  }
  return null;
}

function bestInitial(
  flows: readonly CompiledFlow[],
  input: FlowTurnInput,
  base: BaseContext,
  fallback: boolean,
): { flow: CompiledFlow; match: IntentMatch } | null {
  let best: { flow: CompiledFlow; match: IntentMatch } | null = null;
  for (const flow of flows) {
    if (!flow.active) continue;
    const match = bestIntent(
      flow.intents.filter((i) => i.initial && i.fallback === fallback),
      input,
      base,
    );
    // Across flows: higher priority wins; on a tie the earlier flow keeps it.
    if (match && (!best || match.intent.priority > best.match.intent.priority)) {
      best = { flow, match };
    }
  }
  return best;
}
