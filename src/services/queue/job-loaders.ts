import type { Db } from "../../db/client.js";
import type { BotRow } from "../../db/queries/bots.js";
import * as botsQ from "../../db/queries/bots.js";
import type { ConversationRow } from "../../db/queries/conversations.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import type { InboxEventRow } from "../../db/queries/inbox-events.js";
import * as eventsQ from "../../db/queries/inbox-events.js";
import { batchLoader } from "../batch-loader.js";

/** The reads every job starts with, batched across the jobs a worker starts together. */
export type JobLoaders = {
  event(id: number): Promise<InboxEventRow | undefined>;
  bot(id: string): Promise<BotRow | undefined>;
  conversation(botId: string, conversationId: number): Promise<ConversationRow | undefined>;
};

export function createJobLoaders(db: Db): JobLoaders {
  const event = batchLoader((ids: number[]) => eventsQ.findInboxEvents(db, ids));
  const bot = batchLoader((ids: string[]) => botsQ.findBots(db, ids));
  const conversation = batchLoader((keys: string[]) =>
    conversationsQ.findConversations(
      db,
      keys.map((k) => {
        const at = k.lastIndexOf(":");
        return { botId: k.slice(0, at), conversationId: Number(k.slice(at + 1)) };
      }),
    ),
  );
  return { event, bot, conversation: (botId, conversationId) => conversation(`${botId}:${String(conversationId)}`) };
}
