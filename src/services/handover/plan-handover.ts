import type { HistoryEntry } from "../../db/schema/conversations.js";
import type { Decision, InboxAction } from "../../domain/decision.js";
import type { Settings } from "../../domain/settings.js";
import type { DivisionInfo } from "../routing/turn-context.js";
import { renderTemplate } from "./render-template.js";

export type HandoverPlan = { actions: InboxAction[]; outcome: Record<string, unknown> };

/** A private note so the agent starts with the why, the runner-ups and the customer's last words. */
export function agentNote(decision: Decision, division: DivisionInfo, divisions: DivisionInfo[], history: HistoryEntry[]): string {
  const names = new Map(divisions.map((d) => [d.id, d.name]));
  const runnersUp = decision.alternatives
    .slice(0, 3)
    .map((a) => `${names.get(a.divisionId) ?? a.divisionId} (${a.confidence.toFixed(2)})`)
    .join(", ");
  const lastWords = history
    .filter((h) => h.role === "customer")
    .slice(-3)
    .map((h) => `> ${h.text}`)
    .join("\n");
  return [
    `Switchboard: diserahkan ke ${division.name}.`,
    `Alasan: ${decision.reason}`,
    `Keyakinan: ${decision.confidence.toFixed(2)} (${decision.source})`,
    runnersUp ? `Alternatif: ${runnersUp}` : null,
    lastWords ? `Pesan terakhir nasabah:\n${lastWords}` : null,
  ]
    .filter((line) => line !== null)
    .join("\n");
}

/** Handover = optional message → assign the division's team → private note → open to humans. */
export function planHandover(args: {
  decision: Decision;
  division: DivisionInfo;
  divisions: DivisionInfo[];
  settings: Settings;
  history: HistoryEntry[];
}): HandoverPlan {
  const { decision, division, divisions, settings, history } = args;
  const actions: InboxAction[] = [];
  const message = settings.messages.handover;
  if (message.enabled) {
    actions.push({ action: "message", message: { content: renderTemplate(message.text, { division: division.name }) } });
  }
  actions.push({ action: "assign_team", teamId: division.teamId });
  actions.push({ action: "message", message: { content: agentNote(decision, division, divisions, history), private: true } });
  actions.push({ action: "toggle_status", status: "open" });
  return { actions, outcome: { handover: { divisionId: division.id, teamId: division.teamId, message: message.enabled ? "handover" : "none" } } };
}
