import * as listQ from "../../db/queries/conversation-list.js";
import { invalid } from "../../errors.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";

export const maxConversationPage = 200;

/** A page cursor: the last row's update time and id, since many rows can share one time. */
export const cursorPattern = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~(\d+)$/;
const writeCursor = (updatedAt: Date, conversationId: number) => `${updatedAt.toISOString()}~${String(conversationId)}`;

function readCursor(cursor: string) {
  const [, at = "", id = ""] = cursorPattern.exec(cursor) ?? [];
  const updatedAt = new Date(at);
  if (Number.isNaN(updatedAt.getTime())) throw invalid("before", "use the nextBefore of the previous page");
  return { updatedAt, conversationId: Number(id) };
}

/** Recent conversations for the console's list: who owns each, the last words, the last decision. */
export async function listConversations(deps: ServiceDeps, botId: string, options: { limit?: number | undefined; before?: string | undefined }) {
  await requireBot(deps.db, botId);
  const limit = options.limit ?? 50;
  const rows = await listQ.listRecentConversations(deps.db, botId, { limit, before: options.before === undefined ? undefined : readCursor(options.before) });
  const last = rows.at(-1);
  return {
    conversations: rows.map((r) => ({
      conversationId: r.conversationId,
      channel: r.channel,
      contactName: r.contactName,
      inboxStatus: r.inboxStatus,
      owner: r.owner,
      handedOverTo: r.handedOverTo,
      lastCustomerText: r.history.findLast((h) => h.role === "customer")?.text ?? null,
      decisionCount: r.decisionCount,
      simulated: r.last?.outcome.simulated === true,
      lastDecision: r.last && {
        route: r.last.route,
        divisionId: r.last.divisionId,
        confidence: r.last.confidence,
        source: r.last.source,
        reason: r.last.reason,
        createdAt: r.last.createdAt.toISOString(),
      },
      updatedAt: r.updatedAt.toISOString(),
    })),
    /** Pass as `before` for the next page; null on the last page. */
    nextBefore: rows.length === limit && last ? writeCursor(last.updatedAt, last.conversationId) : null,
  };
}
