import * as conversationsQ from "../../db/queries/conversations.js";
import * as decisionsQ from "../../db/queries/decisions.js";
import type { DecisionRow } from "../../db/queries/decisions.js";
import type { Owner, OwnerReason } from "../../domain/ownership.js";
import type { HistoryEntry } from "../../db/schema/conversations.js";
import { notFound } from "../../errors.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";

export type DecisionView = Omit<DecisionRow, "botId" | "seq" | "createdAt"> & { createdAt: string };

export type ConversationView = {
  botId: string;
  conversationId: number;
  inboxStatus: string;
  owner: Owner;
  ownerReason: OwnerReason;
  handedOverTo: string | null;
  handedOverAt: string | null;
  teamId: number | null;
  channel: string | null;
  contactName: string | null;
  flowState: Record<string, unknown> | null;
  clarifyPending: boolean;
  history: HistoryEntry[];
  decisions: DecisionView[];
  updatedAt: string;
};

export async function getConversation(deps: ServiceDeps, botId: string, conversationId: number): Promise<ConversationView> {
  await requireBot(deps.db, botId);
  const row = await conversationsQ.findConversation(deps.db, botId, conversationId);
  if (!row) throw notFound("conversation", String(conversationId));
  const decisions = await decisionsQ.listDecisions(deps.db, botId, conversationId);
  return {
    botId,
    conversationId,
    inboxStatus: row.inboxStatus,
    owner: row.owner,
    ownerReason: row.ownerReason,
    handedOverTo: row.handedOverTo,
    handedOverAt: row.handedOverAt?.toISOString() ?? null,
    teamId: row.teamId,
    channel: row.channel,
    contactName: row.contactName,
    flowState: row.flowState,
    clarifyPending: row.clarifyPending > 0,
    history: row.history,
    decisions: decisions.map(({ botId: _botId, seq: _seq, createdAt, ...d }) => ({ ...d, createdAt: createdAt.toISOString() })),
    updatedAt: row.updatedAt.toISOString(),
  };
}
