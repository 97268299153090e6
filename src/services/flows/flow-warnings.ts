import type { Flow } from "../../domain/flow.js";
import type { FlowIssue } from "./compiled-flow.js";
import { referencedIntents } from "./conditions.js";

/** Things that are allowed but probably not meant: they are reported, never rejected. */
/** Everything an admin should hear about a valid flow (no compilation needed). */
export function flowWarnings(flow: Flow): FlowIssue[] {
  const warnings: FlowIssue[] = [];
  const reachable = reachableStates(flow);
  flow.states.forEach((state, i) => {
    if (reachable && !reachable.has(state.name)) {
      warnings.push({ path: `states.${i}`, message: `state "${state.name}" is unreachable from the initial state` });
    }
    if (state.end && state.transitions.length > 0) {
      warnings.push({ path: `states.${i}.transitions`, message: "an end state's transitions are never taken: the flow ends after its actions" });
    }
    if (state.end && state.selfTransition) {
      warnings.push({ path: `states.${i}.selfTransition`, message: "an end state never repeats: the flow ends after its actions" });
    }
    warnings.push(...buttonlessCards(state, i));
    const waits = !state.end && state.transitions.length === 0 && !state.selfTransition;
    if (waits && !state.initial && !state.actions.some((a) => a.type === "command" || a.type === "handover" || a.type === "botHandover")) {
      warnings.push({ path: `states.${i}`, message: `state "${state.name}" has no way out: mark it \`end\` or add a transition` });
    }
  });
  if (!flow.intents.some((intent) => intent.initial)) {
    warnings.push({ path: "intents", message: "no initial intent: the flow can only be entered by a bot handover" });
  }
  return [...warnings, ...intentReferenceWarnings(flow)];
}

/** Chatwoot refuses cards without actions, so such a carousel is rendered as text (render-actions.ts). */
function buttonlessCards(state: Flow["states"][number], i: number): FlowIssue[] {
  return state.actions.flatMap((action, j) =>
    action.type !== "carousel"
      ? []
      : action.items.flatMap((card, k) =>
          card.buttons.length > 0
            ? []
            : [
                {
                  path: `states.${i}.actions.${j}.items.${k}.buttons`,
                  message: "a card without buttons: the inbox refuses cards without actions, so this carousel goes out as text on every channel",
                },
              ],
        ),
  );
}

/** Names reachable from the initial state along transitions; null when there is no single start. */
function reachableStates(flow: Flow): Set<string> | null {
  const start = flow.states.find((s) => s.initial);
  if (!start) return null;
  const byName = new Map(flow.states.map((s) => [s.name, s]));
  const seen = new Set([start.name]);
  const queue = [start.name];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const t of byName.get(name)?.transitions ?? []) {
      if (!seen.has(t.to) && byName.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}

// A condition naming an intent the flow does not define can never hold: almost always a typo.
function intentReferenceWarnings(flow: Flow): FlowIssue[] {
  const known = new Set(flow.intents.map((x) => x.name));
  const check = (source: string | undefined, path: string): FlowIssue[] =>
    source === undefined
      ? []
      : referencedIntents(source)
          .filter((name) => !known.has(name))
          .map((name) => ({ path, message: `the condition names intent "${name}", which this flow does not define` }));
  return flow.states.flatMap((state, i) => state.transitions.flatMap((t, j) => check(t.condition, `states.${i}.transitions.${j}.condition`)));
}
