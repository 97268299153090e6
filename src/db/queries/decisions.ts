import { and, asc, eq } from "drizzle-orm";
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
