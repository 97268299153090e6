import type { OutgoingMessage } from "../../../domain/decision.js";
import { type DivisionInfo, divisionChoicePrefix, type TurnContext } from "./turn-context.js";

/** The configured default division when active, else the only active one. */
export function defaultDivision(ctx: TurnContext, active: DivisionInfo[]): DivisionInfo | undefined {
  return active.find((d) => d.id === ctx.settings.defaultDivisionId) ?? (active.length === 1 ? active[0] : undefined);
}

/** "Which team?" as quick replies; the chosen value comes back as `division:<id>`. */
export function whichDivisionQuestion(active: DivisionInfo[]): OutgoingMessage {
  return {
    content: "Dengan tim mana Anda ingin terhubung?",
    content_type: "input_select",
    content_attributes: { items: active.map((d) => ({ title: d.name, value: `${divisionChoicePrefix}${d.id}` })) },
  };
}
