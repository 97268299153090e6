import * as eventsQ from "../../../db/queries/inbox-events.js";
import type { Db } from "../../../db/client.js";
import type { OutgoingMessage } from "../../../domain/decision.js";
import { sendMarker, sendMarkerKey } from "../../../domain/send-marker.js";
import { InboxApiError } from "../../../inbox/inbox-api-error.js";
import type { InboxClient, SentMessage } from "../../../inbox/inbox-client.js";

/**
 * How long after a send with an unknown outcome (a timeout, a 5xx, a reset connection) we look for
 * its echo before deciding: long enough for Chatwoot to finish the request and deliver the echo.
 */
export const confirmWaitMs = 15_000;

export type SendAttempt = { marker: string; attemptedAt: string };

export type GuardedSend =
  | { kind: "sent"; messageId: number | null; agentBotId: number | null; confirmedBy: "answer" | "echo" | "inbox_messages" }
  /** Not known yet: look again at `runAt`. */
  | { kind: "later"; runAt: Date; reason: string }
  /** Never proven either way: not resent (a duplicate is worse than silence), reported instead. */
  | { kind: "unconfirmed"; reason: string };

export type SendContext = {
  db: Db;
  client: InboxClient;
  botId: string;
  conversationId: number;
  jobId: number;
  step: number;
  now: Date;
  /** The earlier attempt of this very send, when the job's progress recorded one. */
  earlier: SendAttempt | null;
  /** Records the attempt durably before the request goes out (null clears it). */
  recordAttempt: (attempt: SendAttempt | null) => Promise<void>;
};

/**
 * Sends a message at most once (docs/architecture.md, steps 10 and 12). Every send carries a marker in its
 * `content_attributes`; the attempt is recorded before the request. A retry first looks for the
 * earlier attempt: its echo (stored by the webhook), or, with an admin token, the inbox's message
 * list, which proves presence or absence. It resends only when the earlier attempt is proven
 * absent: the inbox refused it (4xx, 429), the connection was refused, or the list lacks it.
 */
export async function sendGuarded(ctx: SendContext, message: OutgoingMessage): Promise<GuardedSend> {
  const marker = sendMarker(ctx.jobId, ctx.step);
  if (ctx.earlier?.marker === marker) {
    const found = await findEarlierSend(ctx, marker, new Date(ctx.earlier.attemptedAt));
    if (found) return found;
  }
  await ctx.recordAttempt({ marker, attemptedAt: ctx.now.toISOString() });
  let sent: SentMessage;
  try {
    sent = await ctx.client.sendMessage(ctx.conversationId, { ...message, content_attributes: { ...message.content_attributes, [sendMarkerKey]: marker } });
  } catch (error) {
    // An answer that proves nothing was created clears the attempt, so the retry sends at once.
    if (error instanceof InboxApiError && !error.details.outcomeUnknown) await ctx.recordAttempt(null);
    throw error;
  }
  return { kind: "sent", messageId: sent.id, agentBotId: sent.agentBotId, confirmedBy: "answer" };
}

/** The earlier attempt's fate: sent, still unknown (look later), or null when proven absent. */
async function findEarlierSend(ctx: SendContext, marker: string, attemptedAt: Date): Promise<GuardedSend | null> {
  const echoed = await eventsQ.findEchoByMarker(ctx.db, { botId: ctx.botId, conversationId: ctx.conversationId, marker });
  if (echoed !== null) return { kind: "sent", messageId: echoed, agentBotId: null, confirmedBy: "echo" };
  const decideAt = new Date(attemptedAt.getTime() + confirmWaitMs);
  const waiting = ctx.now < decideAt;
  if (ctx.client.hasAdminToken()) {
    // Chatwoot may still be working on the earlier request: list only once it must have finished.
    if (waiting) return { kind: "later", runAt: decideAt, reason: "an earlier attempt may have been delivered; checking the inbox once it settled" };
    const listed = await ctx.client.listMessages(ctx.conversationId);
    const match = listed.find((m) => m.marker === marker);
    return match ? { kind: "sent", messageId: match.id, agentBotId: null, confirmedBy: "inbox_messages" } : null;
  }
  // The bot token may not list messages in any Chatwoot version: only an echo can prove the send.
  if (waiting) return { kind: "later", runAt: decideAt, reason: "an earlier attempt may have been delivered; waiting for its echo" };
  return {
    kind: "unconfirmed",
    reason:
      `no echo of send ${marker} within ${String(confirmWaitMs / 1000)} s and no admin token to ` +
      `list the conversation's messages: not resent, to avoid a duplicate`,
  };
}
