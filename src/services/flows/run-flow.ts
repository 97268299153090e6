import type { OutgoingMessage } from "../../domain/decision.js";
import type { ChannelCapabilities } from "../../domain/channels.js";
import type { CompiledFlow } from "./compiled-flow.js";
import type { ConditionContext } from "./conditions.js";
import type { FlowCursor, OfferedChoice } from "./flow-cursor.js";
import { commandInput, type FlowTurnInput } from "./flow-input.js";
import { activePosition, firstTransition, type FlowMatch, type FlowMatchKind, matchFlowInput, matchForcedStart } from "./match-flow-input.js";
import { type RenderOptions, renderCarousel, renderQuickReply, renderText } from "./render-actions.js";

export type FlowRunOptions = {
  /** Stable per turn (e.g. `${conversationId}:${messageId}`): picks text variants deterministically. */
  seed: string;
  capabilities?: ChannelCapabilities;
  /** Enter this flow at its initial state whatever the input (a bot handover naming a flow). */
  startFlowId?: string;
  /** Variables to add to the conversation's (carried in by a bot handover). */
  variables?: Record<string, unknown>;
  /** How the flows take this input, when the caller has already matched it (saves matching twice). */
  match?: FlowMatch;
  /** State entries allowed in one turn; command loops stop here. */
  maxSteps?: number;
};

export type FlowStep = { flowId: string; state: string; intent: string; via: "transition" | "start" | "fallback" | "self" };

export type FlowTurnResult = {
  /** How the customer's input was taken (see FlowMatchKind). */
  kind: FlowMatchKind;
  intent: string;
  messages: OutgoingMessage[];
  handover?: { divisionId: string | null };
  botHandover?: { botId: string; flowId?: string; variables: Record<string, unknown> };
  /** The position to store for the next turn; null once an end state ran or no flow is active. */
  cursor: FlowCursor;
  steps: FlowStep[];
  /** "max_steps" when a command loop was cut short. */
  stopped?: "max_steps";
};

export const defaultMaxSteps = 10;

type Run = {
  flows: readonly CompiledFlow[];
  render: RenderOptions;
  maxSteps: number;
  cursor: FlowCursor;
  variables: Record<string, unknown>;
  messages: OutgoingMessage[];
  steps: FlowStep[];
  commands: string[];
  handover?: FlowTurnResult["handover"];
  botHandover?: FlowTurnResult["botHandover"];
  stopped?: "max_steps";
};

/**
 * Runs one customer input through the flows: the matched transition or start, the entered state's
 * actions, then every command those actions emit, fed back as command inputs in the same turn
 * (Kata's "next" / "toMenu"). Pure: no I/O, the same inputs give the same result.
 */
export function runFlowTurn(flows: readonly CompiledFlow[], cursor: FlowCursor, input: FlowTurnInput, options: FlowRunOptions): FlowTurnResult {
  const position = activePosition(flows, cursor);
  const run: Run = {
    flows,
    render: { channel: input.channel, seed: options.seed, ...(options.capabilities ? { capabilities: options.capabilities } : {}) },
    maxSteps: options.maxSteps ?? defaultMaxSteps,
    cursor: position ? cursor : null,
    variables: { ...(position && cursor ? cursor.variables : {}), ...(options.variables ?? {}) },
    messages: [],
    steps: [],
    commands: [],
  };
  const forced = options.startFlowId === undefined ? null : matchForcedStart(flows, options.startFlowId, input, run.variables);
  const first = forced ?? options.match ?? matchFlowInput(flows, run.cursor, input);
  apply(run, first, input);

  for (let command = run.commands.shift(); command !== undefined; command = run.commands.shift()) {
    if (run.handover || run.botHandover || run.stopped) break;
    const commandTurn = commandInput(command, input.channel);
    apply(run, matchFlowInput(flows, run.cursor, commandTurn), commandTurn);
  }

  return {
    kind: first.kind,
    intent: first.intent,
    messages: run.messages,
    ...(run.handover ? { handover: run.handover } : {}),
    ...(run.botHandover ? { botHandover: run.botHandover } : {}),
    cursor: run.cursor,
    steps: run.steps,
    ...(run.stopped ? { stopped: run.stopped } : {}),
  };
}

function apply(run: Run, match: FlowMatch, input: FlowTurnInput): void {
  const flow = run.flows.find((f) => f.id === match.flowId);
  if (match.kind === "none" || !flow) return;
  const ctx = (): ConditionContext => ({
    content: input.content,
    payload: input.payload,
    intent: match.intent,
    attributes: match.attributes,
    variables: run.variables,
  });
  if (match.to !== null) {
    const repeats = run.cursor !== null && run.cursor.flowId === flow.id && run.cursor.state === match.to;
    const via = match.kind === "transition" || match.kind === "start" ? match.kind : repeats ? "self" : "fallback";
    enter(run, flow, match.to, match.intent, via, ctx);
    return;
  }
  // Starting: a flow switch keeps the variables; the initial state's transitions see this input.
  const initial = flow.states.get(flow.initialState);
  const target = initial ? firstTransition(initial, ctx()) : null;
  enter(run, flow, target ?? flow.initialState, match.intent, "start", ctx);
}

function enter(run: Run, flow: CompiledFlow, stateName: string, intent: string, via: FlowStep["via"], ctx: () => ConditionContext): void {
  const state = flow.states.get(stateName);
  if (!state) return;
  if (run.steps.length >= run.maxSteps) {
    run.stopped = "max_steps";
    return;
  }
  run.steps.push({ flowId: flow.id, state: stateName, intent, via });
  const offered: OfferedChoice[] = [];
  const nextNumber = () => 1 + offered.filter((c) => c.number !== undefined).length;
  state.actions.forEach((action, index) => {
    const key = `${flow.id}/${stateName}/${String(index)}`;
    switch (action.type) {
      case "text":
        run.messages.push(renderText(action.variants, run.render, key));
        return;
      case "quickReply":
      case "carousel": {
        const rendered = action.type === "quickReply" ? renderQuickReply(action, run.render, nextNumber()) : renderCarousel(action, run.render, nextNumber());
        run.messages.push(rendered.message);
        offered.push(...rendered.offered);
        return;
      }
      case "command":
        run.commands.push(action.command);
        return;
      case "handover":
        run.handover = { divisionId: action.divisionId };
        return;
      case "botHandover":
        run.botHandover = {
          botId: action.botId,
          ...(action.flowId ? { flowId: action.flowId } : {}),
          variables: { ...run.variables, ...action.variables },
        };
        return;
      case "setVariable":
        run.variables = { ...run.variables, [action.variable]: action.value(ctx()) };
        return;
    }
  });
  if (state.end) {
    // The flow is over: its variables go with it, so a restart in the same turn starts clean.
    run.cursor = null;
    run.variables = {};
    return;
  }
  run.cursor = { flowId: flow.id, state: stateName, variables: run.variables, offered };
}
