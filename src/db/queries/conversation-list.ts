import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { conversations } from "../schema/conversations.js";
import { decisions } from "../schema/decisions.js";

export type ConversationListRow = {
  conversationId: number;
  channel: string | null;
  contactName: string | null;
  inboxStatus: string;
  owner: "bot" | "human";
  handedOverTo: string | null;
  updatedAt: Date;
  history: { role: string; text: string; at: string }[];
  decisionCount: number;
  last: Pick<typeof decisions.$inferSelect, "route" | "divisionId" | "confidence" | "source" | "reason" | "outcome" | "createdAt"> | null;
};

/** A bot's conversations, most recently updated first, with their latest decision. */
export async function listRecentConversations(
  db: Db,
  botId: string,
  options: { limit: number; before?: { updatedAt: Date; conversationId: number } | undefined },
): Promise<ConversationListRow[]> {
  const rows = await db
    .select({
      conversationId: conversations.conversationId,
      channel: conversations.channel,
      contactName: conversations.contactName,
      inboxStatus: conversations.inboxStatus,
      owner: conversations.owner,
      handedOverTo: conversations.handedOverTo,
      updatedAt: conversations.updatedAt,
      history: conversations.history,
      decisionCount: sql<number>`(select count(*)::int from ${decisions} d
        where d.bot_id = ${conversations.botId} and d.conversation_id = ${conversations.conversationId})`,
      route: decisions.route,
      divisionId: decisions.divisionId,
      confidence: decisions.confidence,
      source: decisions.source,
      reason: decisions.reason,
      outcome: decisions.outcome,
      decidedAt: decisions.createdAt,
    })
    .from(conversations)
    .leftJoin(decisions, eq(decisions.id, conversations.lastDecisionId))
    .where(
      and(
        eq(conversations.botId, botId),
        options.before &&
          sql`(${conversations.updatedAt}, ${conversations.conversationId})
            < (${options.before.updatedAt.toISOString()}::timestamptz, ${options.before.conversationId})`,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.conversationId))
    .limit(options.limit);
  return rows.map(({ route, divisionId, confidence, source, reason, outcome, decidedAt, ...r }) => ({
    ...r,
    last:
      route === null || confidence === null || source === null || reason === null || outcome === null || decidedAt === null
        ? null
        : { route, divisionId, confidence, source, reason, outcome, createdAt: decidedAt },
  }));
}
