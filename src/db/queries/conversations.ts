import { and, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { conversations } from "../schema/conversations.js";

export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationWrite = typeof conversations.$inferInsert;

export async function findConversation(
  db: Db,
  botId: string,
  conversationId: number,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.botId, botId), eq(conversations.conversationId, conversationId)));
  return row;
}

export async function saveConversation(db: Db, row: ConversationWrite): Promise<void> {
  const { botId, conversationId, createdAt, ...rest } = row;
  await db
    .insert(conversations)
    .values(row)
    .onConflictDoUpdate({ target: [conversations.botId, conversations.conversationId], set: rest });
}
