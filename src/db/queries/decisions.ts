import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { decisions } from "../schema/decisions.js";

export type DecisionRow = typeof decisions.$inferSelect;
export type NewDecisionRow = typeof decisions.$inferInsert;

export async function insertDecision(db: Db, row: NewDecisionRow): Promise<void> {
  await db.insert(decisions).values(row);
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
