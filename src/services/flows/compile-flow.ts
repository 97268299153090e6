import type { z } from "zod";
import { type Flow, flowSchema, type Intent, type StateSpec } from "../../domain/flow.js";
import { byPriority, type CompiledClassifier, type CompiledIntent, keywordClassifier, regexClassifier } from "./match-intent.js";
import type { CompiledAction, CompiledFlow, CompiledState, FlowIssue } from "./compiled-flow.js";
import { compileCondition, compileValue, type Condition } from "./conditions.js";
import { flowWarnings } from "./flow-warnings.js";

export type CompileOptions = {
  /** Division keys (or ids) a handover may name; when given, any other name is an error. */
  divisionIds?: ReadonlySet<string>;
};

export type FlowValidation = { ok: true; flow: CompiledFlow; warnings: FlowIssue[] } | { ok: false; errors: FlowIssue[]; warnings: FlowIssue[] };

/** Parses an admin's flow document and compiles it; schema errors carry the same dotted paths. */
export function validateFlow(raw: unknown, id: string, options: CompileOptions = {}): FlowValidation {
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error), warnings: [] };
  return compileFlow(parsed.data, id, options);
}

export function zodIssues(error: z.ZodError): FlowIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/**
 * Checks what the schema cannot (names, targets, conditions, regexes) and compiles every CEL
 * expression once. Errors block saving; warnings (unreachable states, unknown intent names in
 * conditions) are for the admin to read.
 */
export function compileFlow(flow: Flow, id: string, options: CompileOptions = {}): FlowValidation {
  const errors: FlowIssue[] = [];
  const condition = (source: string | undefined, path: string): Condition | null => {
    if (source === undefined) return null;
    const compiled = compileCondition(source);
    if (compiled.ok) return compiled.value;
    errors.push({ path, message: `invalid condition: ${compiled.message}` });
    return null;
  };

  const intents = flow.intents.map((intent, i) => compileIntent(intent, i, errors, condition));
  reportDuplicates(
    flow.intents.map((x) => x.name),
    "intents",
    "intent",
    errors,
  );
  flow.intents.forEach((intent, i) => {
    if (intent.fallback && flow.intents.findIndex((x) => x.fallback) !== i) {
      errors.push({ path: `intents.${i}.fallback`, message: "a flow has at most one fallback intent" });
    }
  });

  const stateNames = new Set(flow.states.map((s) => s.name));
  reportDuplicates(
    flow.states.map((s) => s.name),
    "states",
    "state",
    errors,
  );
  const initials = flow.states.flatMap((s, i) => (s.initial ? [i] : []));
  if (initials.length === 0) errors.push({ path: "states", message: "no initial state: mark exactly one state `initial`" });
  for (const i of initials.slice(1)) errors.push({ path: `states.${i}.initial`, message: "only one state may be initial" });

  const states = new Map<string, CompiledState>();
  flow.states.forEach((state, i) => {
    const compiled = compileState(state, `states.${i}`, stateNames, options, errors, condition);
    if (!states.has(state.name)) states.set(state.name, compiled);
  });

  const warnings = flowWarnings(flow);
  const initialState = flow.states[initials[0] ?? -1]?.name;
  if (errors.length > 0 || initialState === undefined) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    flow: { id, name: flow.name, description: flow.description, active: flow.active, intents: intents.sort(byPriority), states, initialState, source: flow },
  };
}

type ConditionCompiler = (source: string | undefined, path: string) => Condition | null;

function compileIntent(intent: Intent, i: number, errors: FlowIssue[], condition: ConditionCompiler): CompiledIntent {
  const classifiers: CompiledClassifier[] = [];
  intent.classifiers.forEach((spec, c) => {
    if (spec.type === "keywords") {
      classifiers.push(keywordClassifier(spec, intent.name));
      return;
    }
    try {
      classifiers.push(regexClassifier(spec, intent.name));
    } catch (error) {
      errors.push({
        path: `intents.${i}.classifiers.${c}.pattern`,
        message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
  return {
    name: intent.name,
    types: new Set(Array.isArray(intent.type) ? intent.type : [intent.type]),
    classifiers,
    condition: condition(intent.condition, `intents.${i}.condition`),
    initial: intent.initial,
    fallback: intent.fallback,
    priority: intent.priority,
    index: i,
  };
}

function compileState(
  state: StateSpec,
  path: string,
  stateNames: ReadonlySet<string>,
  options: CompileOptions,
  errors: FlowIssue[],
  condition: ConditionCompiler,
): CompiledState {
  const transitions = state.transitions.map((t, j) => {
    if (!stateNames.has(t.to)) errors.push({ path: `${path}.transitions.${j}.to`, message: `unknown state "${t.to}"` });
    return { to: t.to, condition: condition(t.condition, `${path}.transitions.${j}.condition`) };
  });
  const actions = state.actions.map((action, k): CompiledAction => {
    const actionPath = `${path}.actions.${k}`;
    if (action.type === "handover" && action.divisionId !== null && options.divisionIds && !options.divisionIds.has(action.divisionId)) {
      errors.push({ path: `${actionPath}.divisionId`, message: `unknown division "${action.divisionId}"` });
    }
    if (action.type !== "setVariable") return action;
    const value = compileValue(action.value);
    if (!value.ok) {
      errors.push({ path: `${actionPath}.value`, message: `invalid expression: ${value.message}` });
      return { type: "setVariable", name: action.name, variable: action.variable, value: () => null };
    }
    return { type: "setVariable", name: action.name, variable: action.variable, value: value.value };
  });
  return { name: state.name, end: state.end, selfTransition: state.selfTransition, actions, transitions };
}

function reportDuplicates(names: string[], list: string, what: string, errors: FlowIssue[]): void {
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) errors.push({ path: `${list}.${i}.name`, message: `duplicate ${what} name "${name}"` });
  });
}
