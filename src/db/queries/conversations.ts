import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import type { Write } from "../guarded-writes.js";
import { preparedFor } from "../prepared.js";
import { conversations } from "../schema/conversations.js";

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationWrite = typeof conversations.$inferInsert;

export async function findConversation(db: Db, botId: string, conversationId: number): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.botId, botId), eq(conversations.conversationId, conversationId)));
  return row;
}

const byKeys = preparedFor((db) =>
  db
    .select()
    .from(conversations)
    .where(
      sql`(${conversations.botId}, ${conversations.conversationId}) in (
        select * from unnest(${sql.placeholder("botIds")}::text[], ${sql.placeholder("conversationIds")}::int[]))`,
    )
    .prepare("conversations_by_keys"),
);

/** Conversations by "<botId>:<conversationId>" keys, in one statement. */
export async function findConversations(db: Db, keys: { botId: string; conversationId: number }[]): Promise<Map<string, ConversationRow>> {
  if (keys.length === 0) return new Map();
  const rows = await byKeys(db).execute({ botIds: keys.map((k) => k.botId), conversationIds: keys.map((k) => k.conversationId) });
  return new Map(rows.map((r) => [`${r.botId}:${String(r.conversationId)}`, r]));
}

/** Stores a conversation's whole state: awaiting the statement runs it, or it goes into a batch. */
export function saveConversation(db: Db, row: ConversationWrite): Write {
  const { botId, conversationId, createdAt, ...rest } = row;
  return db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({ target: [conversations.botId, conversations.conversationId], set: rest });
}
