import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bots } from "./bots.js";
import type { Owner, OwnerReason } from "../../domain/ownership.js";
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
    /**
     * The inbox's `updated_at` (Unix seconds with microseconds) of the newest snapshot seen, so an
     * older delivery cannot regress state. Double precision: a `real` rounds it to minutes.
     */
    inboxUpdatedAt: doublePrecision(),
    owner: text().$type<Owner>().notNull().default("bot"),
    /** The evidence that gave the conversation to its owner (docs/decisions/0010). */
    ownerReason: text().$type<OwnerReason>().notNull().default("new"),
    /** The inbox's `updated_at` when the current owner took over: older evidence is about an earlier episode. */
    ownerSince: doublePrecision(),
    /**
     * The newest `updated_at` at which the inbox showed this human episode open or snoozed (-1: seen,
     * in a payload without timestamps): a customer message still saying `pending` is a handback only
     * if it is newer than that.
     */
    openSeenAt: doublePrecision(),
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
  (t) => [
    primaryKey({ columns: [t.botId, t.conversationId] }),
    // Retention (docs/decisions/0016) finds conversations holding customer text older than the
    // transcripts period: by their oldest history entry (ISO-8601 UTC, so "C" order is time order),
    // and, for those without history, by their last update. Erased rows leave both indexes.
    index("conversations_oldest_text_idx")
      .on(sql`(${t.history} -> 0 ->> 'at') collate "C"`)
      .where(sql`${t.history} <> '[]'::jsonb`),
    index("conversations_idle_contact_idx")
      .on(t.updatedAt)
      .where(sql`${t.history} = '[]'::jsonb and ${t.contactName} is not null`),
  ],
);
