import type { HistoryEntry } from "../../../db/schema/conversations.js";
import { handoverAttributes } from "../../../domain/conversation-marks.js";
import type { Decision, InboxAction } from "../../../domain/decision.js";
import type { Settings } from "../../../domain/settings.js";
import type { DivisionInfo } from "../decide/turn-context.js";
import type { Availability } from "./availability.js";
import { renderTemplate } from "./render-template.js";

export type HandoverPlan = {
  actions: InboxAction[];
  /** False when the division is unavailable and the settings keep the conversation with the bot. */
  handedOver: boolean;
  outcome: Record<string, unknown>;
};

const availabilityNote: Record<Availability["kind"], string | null> = {
  available: null,
  closed: "Di luar jam operasional divisi ini saat diserahkan.",
  offline: "Tidak ada agen divisi ini yang online saat diserahkan.",
};

/** A private note so the agent starts with the why, the runner-ups and the customer's last words. */
export function agentNote(decision: Decision, division: DivisionInfo, divisions: DivisionInfo[], history: HistoryEntry[], availability: Availability): string {
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
    availabilityNote[availability.kind],
    lastWords ? `Pesan terakhir nasabah:\n${lastWords}` : null,
  ]
    .filter((line) => line !== null)
    .join("\n");
}

/** Which configured message the customer gets, by availability; null when its toggle is off. */
function customerMessage(
  settings: Settings,
  division: DivisionInfo,
  availability: Availability,
  flowSaidHandover: boolean,
): { name: string; text: string } | null {
  const messages = settings.messages;
  const [name, setting] =
    availability.kind === "closed"
      ? (["outsideOfficeHours", messages.outsideOfficeHours] as const)
      : availability.kind === "offline"
        ? (["allAgentsOffline", messages.allAgentsOffline] as const)
        : (["handover", messages.handover] as const);
  if (!setting.enabled) return null;
  // The flow's own "connecting you" text already went out; closed or offline still needs saying.
  if (name === "handover" && flowSaidHandover) return null;
  const nextOpening = availability.kind === "closed" ? (availability.nextOpening ?? "") : "";
  return { name, text: renderTemplate(setting.text, { division: division.name, nextOpening }) };
}

/**
 * What the handover marks on the conversation once its team is assigned: the decision as custom
 * attributes (a setting), the division's priority and labels (when the division has them).
 */
function conversationMarks(decision: Decision, division: DivisionInfo, settings: Settings, seenAttributes: Record<string, unknown> | null): InboxAction[] {
  const marks: InboxAction[] = [];
  if (settings.inbox.handoverAttributes) {
    marks.push({ action: "custom_attributes", attributes: handoverAttributes(division.name, decision.confidence, decision.reason), seen: seenAttributes });
  }
  if (division.priority !== null) marks.push({ action: "priority", priority: division.priority });
  if (division.labels.length > 0) marks.push({ action: "labels", labels: division.labels });
  return marks;
}

/**
 * Handover = the configured message → assign the division's team → custom attributes, priority,
 * labels (where configured) → private note → open to humans.
 * When the division is closed or offline and `whenUnavailable` is `keep_with_bot`, only the
 * message goes out and the bot keeps the conversation.
 */
export function planHandover(args: {
  decision: Decision;
  division: DivisionInfo;
  divisions: DivisionInfo[];
  settings: Settings;
  history: HistoryEntry[];
  availability: Availability;
  /** A keyword flow already told the customer it is handing over. */
  flowSaidHandover?: boolean;
  /** The conversation's custom attributes as the customer's message carried them. */
  seenAttributes?: Record<string, unknown> | null;
}): HandoverPlan {
  const { decision, division, divisions, settings, history, availability } = args;
  const actions: InboxAction[] = [];
  const message = customerMessage(settings, division, availability, args.flowSaidHandover ?? false);
  if (message) actions.push({ action: "message", message: { content: message.text } });
  const keep = availability.kind !== "available" && settings.whenUnavailable === "keep_with_bot";
  if (!keep) {
    actions.push({ action: "assign_team", teamId: division.teamId });
    actions.push(...conversationMarks(decision, division, settings, args.seenAttributes ?? null));
    actions.push({ action: "message", message: { content: agentNote(decision, division, divisions, history, availability), private: true } });
    actions.push({ action: "toggle_status", status: "open" });
  }
  return {
    actions,
    handedOver: !keep,
    outcome: {
      handover: {
        divisionId: division.id,
        teamId: division.teamId,
        availability: availability.kind,
        ...(availability.kind === "closed" && { nextOpeningAt: availability.nextOpeningAt }),
        message: message?.name ?? "none",
        handedOver: !keep,
      },
    },
  };
}
