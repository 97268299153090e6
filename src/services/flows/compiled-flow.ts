import type { Flow, FlowAction } from "../../domain/flow.js";
import type { CompiledIntent } from "./match-intent.js";
import type { Condition, ValueExpression } from "./conditions.js";

export type CompiledTransition = { to: string; condition: Condition | null };

export type CompiledAction =
  Exclude<FlowAction, { type: "setVariable" }> | { type: "setVariable"; name?: string | undefined; variable: string; value: ValueExpression };

export type CompiledState = {
  name: string;
  end: boolean;
  selfTransition: boolean;
  actions: CompiledAction[];
  transitions: CompiledTransition[];
};

/** A validated flow with its conditions compiled once; what the engine runs. */
export type CompiledFlow = {
  id: string;
  name: string;
  description: string;
  active: boolean;
  /** By priority, then declaration order. */
  intents: CompiledIntent[];
  states: ReadonlyMap<string, CompiledState>;
  initialState: string;
  source: Flow;
};

/** A problem with a flow, at a path into the flow document such as `states.2.transitions.0.to`. */
export type FlowIssue = { path: string; message: string };
