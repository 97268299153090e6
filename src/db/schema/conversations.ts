import { integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";
import { bots } from "./bots.js";
import { timestamps } from "./columns.js";

export type HistoryEntry = { role: "customer" | "bot" | "agent"; text: string; at: string };

/** Switchboard's view of one inbox conversation; the inbox's own status is mirrored, not owned. */
export const conversations = pgTable(
  "conversations",
  {
    botId: text()
      .notNull()
      .references(() => bots.id, { onDelete: "cascade" }),
    /** The inbox's per-account display id, as used in its REST paths. */
    conversationId: integer().notNull(),
    accountId: integer(),
    inboxId: integer(),
    channel: text(),
    contactName: text(),
    /** `pending` (bot-owned), `open`, `resolved` or `snoozed`; legacy `bot` is stored as `pending`. */
    inboxStatus: text().notNull().default("pending"),
    /** The inbox's `updated_at` of the newest snapshot applied, so an older delivery cannot regress state. */
    inboxUpdatedAt: real(),
    owner: text().$type<"bot" | "human">().notNull().default("bot"),
    handedOverTo: text(),
    handedOverAt: timestamp({ withTimezone: true, mode: "date" }),
    teamId: integer(),
    /**
     * The bot whose configuration answers this conversation after a bot-to-bot handover; null is
     * the inbox's own bot. It survives a human's handback: the customer returns to the last bot.
     */
    activeBotId: text(),
    /** Flow position and variables (keyword flows); cleared when a human hands the conversation back. */
    flowState: jsonb().$type<Record<string, unknown>>(),
    /** A clarifying question is pending: the next customer turn answers it. */
    clarifyPending: integer().notNull().default(0),
    history: jsonb().$type<HistoryEntry[]>().notNull().default([]),
    lastDecisionId: text(),
    lastMessageId: integer(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.botId, t.conversationId] })],
);
