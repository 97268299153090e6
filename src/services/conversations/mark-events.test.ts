import { describe, expect, it } from "vitest";
import { parseDelivery, needsProcessing } from "../../inbox/parse-delivery.js";
import { type ConversationState, freshConversation } from "./conversation-state.js";
import { confirmHandover, observe, startHandover } from "./ownership.js";

// A handover's custom attributes, priority and labels make Chatwoot (4.13+) send the bot
// `conversation_updated` with what changed (app/models/conversation.rb `list_of_keys`), delivered
// before or after our toggle_status. None of them is a hand-back or a human take-over.

const now = new Date("2026-01-15T02:30:00Z");
const self = { agentBotId: 5 };

/** A conversation_updated body as Chatwoot 4.15 sends it (EventDataPresenter#webhook_data + changed_attributes). */
function updated(status: string, updatedAt: number, changed: Record<string, { previous_value: unknown; current_value: unknown }>[]) {
  return {
    event: "conversation_updated",
    id: 42,
    inbox_id: 3,
    status,
    channel: "Channel::Whatsapp",
    updated_at: updatedAt,
    timestamp: Math.floor(updatedAt),
    meta: { sender: { id: 101, name: "Rina", type: "contact" }, assignee: null, assignee_type: null, team: { id: 2, name: "kartu" } },
    custom_attributes: { segmen: "gold", switchboard_division: "Cards" },
    labels: ["vip", "kartu"],
    priority: "urgent",
    account: { id: 1, name: "Bank ABC" },
    changed_attributes: changed,
  };
}

const marks = (status: string, at: number) => [
  updated(status, at, [
    { updated_at: { previous_value: "2026-01-15T02:29:59.000Z", current_value: "2026-01-15T02:30:00.000Z" } },
    { custom_attributes: { previous_value: { segmen: "gold" }, current_value: { segmen: "gold", switchboard_division: "Cards" } } },
  ]),
  updated(status, at + 0.001, [{ updated_at: { previous_value: null, current_value: null } }, { priority: { previous_value: null, current_value: "urgent" } }]),
  updated(status, at + 0.002, [
    { updated_at: { previous_value: null, current_value: null } },
    { cached_label_list: { previous_value: "vip", current_value: "vip, kartu" } },
    { label_list: { previous_value: ["vip"], current_value: ["vip", "kartu"] } },
  ]),
];

function observeAll(state: ConversationState, bodies: unknown[]) {
  let current = { state, effect: "silent" as string, transition: null as string | null };
  for (const body of bodies) {
    const delivery = parseDelivery(body);
    if (delivery.kind === "ignored") throw new Error(delivery.reason);
    current = observe(current.state, delivery, self, now);
  }
  return current;
}

describe("conversation_updated for custom attributes, priority and labels", () => {
  it("is stored without being processed: it moves neither status, team, assignee nor bot", () => {
    for (const body of marks("pending", 1768444200.1)) {
      const delivery = parseDelivery(body);
      expect(delivery).toMatchObject({ kind: "status", statusChange: false, changes: {} });
      if (delivery.kind !== "ignored") expect(needsProcessing(delivery)).toBe(false);
    }
  });

  const ownershipOf = (s: ConversationState) => ({ owner: s.owner, ownerReason: s.ownerReason, openSeenAt: s.openSeenAt, flowState: s.flowState });

  it("while the bot owns the conversation (an agent labels it): the bot keeps it", () => {
    const bot = { ...freshConversation("bot_1", { conversationId: 42, channel: null }, now), inboxUpdatedAt: 1768444100, inboxStatus: "pending" as const };
    const seen = observeAll(bot, marks("pending", 1768444200.1));
    expect(ownershipOf(seen.state)).toEqual(ownershipOf(bot));
    expect([seen.effect, seen.transition]).toEqual(["silent", null]);
  });

  it("during our handover, before and after the toggle's answer: still handing over / handed over", () => {
    const bot = { ...freshConversation("bot_1", { conversationId: 42, channel: null }, now), inboxUpdatedAt: 1768444100, inboxStatus: "pending" as const };
    const handingOver = startHandover(bot);
    const before = observeAll(handingOver, marks("pending", 1768444200.1));
    expect(ownershipOf(before.state)).toEqual(ownershipOf(handingOver));
    expect(before.transition).toBeNull();
    const handedOver = confirmHandover(before.state, "open", now);
    // Delivered late, still saying pending with a newer updated_at: not a hand-back.
    const late = observeAll(handedOver, marks("pending", 1768444200.5));
    expect(ownershipOf(late.state)).toEqual(ownershipOf(handedOver));
    expect([late.effect, late.transition]).toEqual(["silent", null]);
    // An agent labels the open conversation later: the human keeps it.
    const agentMarks = observeAll(late.state, marks("open", 1768444300));
    expect(agentMarks.state).toMatchObject({ owner: "human", ownerReason: "handover" });
    expect(agentMarks.transition).toBeNull();
  });
});
