import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import type { Write } from "../guarded-writes.js";
import { decisions } from "../schema/decisions.js";

export type DecisionRow = typeof decisions.$inferSelect;
export type NewDecisionRow = typeof decisions.$inferInsert;

/** Awaiting the statement runs it, or it goes into a batch. */
export function insertDecision(db: Db, row: NewDecisionRow): Write {
  return db.insert(decisions).values(row);
}

export async function listDecisions(db: Db, botId: string, conversationId: number): Promise<DecisionRow[]> {
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.botId, botId), eq(decisions.conversationId, conversationId)))
    .orderBy(asc(decisions.seq));
}

/** Marks a handover decision as a mis-route: an agent moved the conversation to another team. */
export async function markMisrouted(db: Db, decisionId: string, misrouted: { toDivisionId: string; toTeamId: number; at: string }): Promise<void> {
  await db
    .update(decisions)
    .set({ outcome: sql`${decisions.outcome} || jsonb_build_object('misrouted', ${JSON.stringify(misrouted)}::jsonb)` })
    .where(eq(decisions.id, decisionId));
}

/** Inbox actions of a decision that the inbox refused for good (an unknown team, a rejected card…). */
export type InboxFailure = { step: number; action: string; error: string; at?: string | undefined };

/** Inbox actions refused for good, onto the turn's decision: awaiting the statement runs it, or it goes into a batch. */
export function recordInboxFailures(db: Db, decisionId: string, failures: InboxFailure[]): Write {
  return db
    .update(decisions)
    .set({ outcome: sql`${decisions.outcome} || jsonb_build_object('inboxFailures', ${JSON.stringify(failures)}::jsonb)` })
    .where(eq(decisions.id, decisionId));
}

export type RoutedTurnRow = Pick<DecisionRow, "id" | "conversationId" | "route" | "divisionId" | "createdAt"> & { text: string };

/**
 * A bot's latest routed customer turns that have text, newest first: what the impact preview
 * replays. `silent` turns (a human owned the conversation) were never routed and are left out.
 */
export async function listRecentRoutedTurns(db: Db, botId: string, limit: number): Promise<RoutedTurnRow[]> {
  const rows = await db
    .select({
      id: decisions.id,
      conversationId: decisions.conversationId,
      route: decisions.route,
      divisionId: decisions.divisionId,
      createdAt: decisions.createdAt,
      text: decisions.text,
    })
    .from(decisions)
    .where(
      and(
        eq(decisions.botId, botId),
        inArray(decisions.route, ["handover", "bot_reply", "flow", "clarify"]),
        isNotNull(decisions.text),
        ne(decisions.text, ""),
      ),
    )
    .orderBy(desc(decisions.seq))
    .limit(limit);
  return rows.flatMap((r) => (r.text === null ? [] : [{ ...r, text: r.text }]));
}

/** The inbox failures recorded on a conversation's decisions, oldest decision first. */
export async function listInboxFailures(db: Db, botId: string, conversationId: number): Promise<{ failures: InboxFailure[]; decidedAt: Date }[]> {
  const rows = await db
    .select({ failures: sql<InboxFailure[]>`${decisions.outcome} -> 'inboxFailures'`, decidedAt: decisions.createdAt })
    .from(decisions)
    .where(and(eq(decisions.botId, botId), eq(decisions.conversationId, conversationId), sql`${decisions.outcome} ? 'inboxFailures'`))
    .orderBy(asc(decisions.seq))
    .limit(50);
  return rows;
}
