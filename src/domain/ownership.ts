/**
 * Who may speak in a conversation, and why (docs/decisions/0010). The bot speaks only while it
 * owns the conversation; the reason says which evidence gave the conversation to its owner.
 */
export const ownerReasons = {
  bot: [
    /** Never handed over. */
    "new",
    /** A human gave it back: the inbox set it to pending after it was open. */
    "handback",
    /** Resolved: the next customer message starts a fresh session. */
    "closed",
    /** An agent assigned the conversation to this agent bot. */
    "assigned_bot",
  ],
  human: [
    /** We decided a handover; its `toggle_status open` has not been confirmed yet. */
    "handing_over",
    /** Our own `toggle_status open` was confirmed by the inbox's answer. */
    "handover",
    /** The inbox showed the conversation open or snoozed (an agent opened it). */
    "status",
    /** An agent replied publicly while the conversation was still pending. */
    "agent_reply",
    /** An agent assigned a human to the conversation while the bot had it. */
    "assigned_agent",
    /** The conversation was assigned to another agent bot. */
    "other_bot",
  ],
} as const;

export type Owner = keyof typeof ownerReasons;
export type OwnerReason = (typeof ownerReasons)[Owner][number];
