import { z } from "zod";
import type { Db } from "../../db/client.js";
import type { BotRow } from "../../db/queries/bots.js";
import * as botsQ from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import * as eventsQ from "../../db/queries/inbox-events.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { OutgoingMessage } from "../../domain/decision.js";
import { InboxApiError } from "../../omnichat/inbox-api-error.js";
import type { InboxClient } from "../../omnichat/inbox-client.js";
import { confirmHandover } from "../conversations/ownership.js";
import { orderingKey, type PipelineDeps, queues } from "../pipeline-deps.js";
import { type JobHandler, type JobOutcome, type JobRow, PermanentJobError } from "../queue/queue-worker.js";

/** How long to wait for the echo of a send whose outcome is unknown before sending again. */
export const echoWaitMs = 15_000;

const payloadSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("message"),
    conversationId: z.number().int(),
    message: z.object({
      content: z.string(),
      content_type: z.enum(["text", "input_select", "cards"]).optional(),
      content_attributes: z.record(z.string(), z.unknown()).optional(),
      private: z.boolean().optional(),
    }),
  }),
  z.object({ action: z.literal("assign_team"), conversationId: z.number().int(), teamId: z.number().int() }),
  z.object({ action: z.literal("toggle_status"), conversationId: z.number().int(), status: z.literal("open") }),
]);

/** Carries out one inbox action. Assign and toggle are idempotent; a send is guarded against repeats. */
export function createOutboundHandler(deps: PipelineDeps): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError(`unreadable outbound job: ${parsed.error.message}`);
    const payload = parsed.data;
    const bot = await botsQ.findBot(deps.db, job.botId);
    if (!bot) return { type: "done", result: { skipped: "bot deleted" } };
    const client = deps.inboxFor(bot);
    if (!client) throw new PermanentJobError("the bot has no inbox credentials (baseUrl, accountId, botToken)");
    try {
      switch (payload.action) {
        case "assign_team":
          await client.assignTeam(payload.conversationId, payload.teamId);
          return { type: "done", result: { teamId: payload.teamId } };
        case "toggle_status": {
          const current = await client.toggleStatus(payload.conversationId, payload.status);
          const now = deps.clock.now().toJSDate();
          // The inbox may skip the status event after our own handoff; its answer is the evidence.
          return {
            type: "done",
            result: { currentStatus: current },
            commit: async (tx) => {
              const state = await conversationsQ.findConversation(tx, job.botId, payload.conversationId);
              if (state) await conversationsQ.saveConversation(tx, confirmHandover(state, current, now));
            },
          };
        }
        case "message":
          return await sendOnce(deps, { job, bot, client }, payload.conversationId, payload.message);
      }
    } catch (error) {
      if (error instanceof InboxApiError && !error.details.retryable) throw new PermanentJobError(error.message, { cause: error });
      throw error;
    }
  };
}

/**
 * Sends a message at most once as far as we can tell: the attempt is recorded before the call, and
 * a retry after an unknown outcome (crash, timeout) first looks for the inbox's echo of the message.
 */
async function sendOnce(
  deps: PipelineDeps,
  target: { job: JobRow; bot: BotRow; client: InboxClient },
  conversationId: number,
  message: OutgoingMessage,
): Promise<JobOutcome> {
  const { job, bot, client } = target;
  const now = deps.clock.now().toJSDate();
  const attemptedAt = typeof job.progress?.attemptStartedAt === "string" ? new Date(job.progress.attemptStartedAt) : null;
  if (attemptedAt) {
    const found = await findEarlierSend(deps, job, client, conversationId, message, attemptedAt);
    if (found.messageId !== undefined) return { type: "done", result: { messageId: found.messageId, confirmedBy: found.by } };
    const waitUntil = attemptedAt.getTime() + echoWaitMs;
    if (!found.certain && now.getTime() < waitUntil) {
      return { type: "later", runAt: new Date(waitUntil), reason: "an earlier attempt may have been delivered; waiting for its echo" };
    }
  }
  if (!(await jobsQ.saveJobProgress(deps.db, job, { attemptStartedAt: now.toISOString() }))) {
    throw new Error("lost the job lease before sending");
  }
  try {
    const sent = await client.sendMessage(conversationId, message);
    // Assignments name bots by id: remember ours the first time the inbox tells it.
    const learned = sent.agentBotId !== null && sent.agentBotId !== bot.omnichatAgentBotId ? sent.agentBotId : null;
    return {
      type: "done",
      result: { messageId: sent.id },
      ...(learned !== null && { commit: (tx: Db) => botsQ.setAgentBotId(tx, bot.id, learned) }),
    };
  } catch (error) {
    // An answer that proves nothing was created clears the attempt, so the retry sends at once.
    if (error instanceof InboxApiError && !error.details.outcomeUnknown && error.details.status !== 500) {
      await jobsQ.saveJobProgress(deps.db, job, null);
    }
    throw error;
  }
}

/**
 * Was an earlier attempt of this send delivered? First the inbox's echo (already stored), then the
 * inbox's own message list. `certain` says the list was read, so "not found" means "not sent".
 */
async function findEarlierSend(
  deps: PipelineDeps,
  job: JobRow,
  client: InboxClient,
  conversationId: number,
  message: OutgoingMessage,
  attemptedAt: Date,
): Promise<{ messageId?: number; by?: string; certain: boolean }> {
  const since = new Date(attemptedAt.getTime() - 5000);
  const done = await jobsQ.listDoneJobResults(deps.db, {
    orderingKey: orderingKey(job.botId, conversationId),
    queue: queues.outbound,
    since,
  });
  const claimed = new Set(done.map((d) => d.result?.messageId));
  const echoes = await eventsQ.findEchoes(deps.db, {
    botId: job.botId,
    conversationId,
    content: message.content,
    since,
    kinds: message.private ? ["private_note"] : ["echo"],
  });
  const echoed = echoes.find((e) => e.messageId !== null && !claimed.has(e.messageId))?.messageId;
  if (echoed !== undefined && echoed !== null) return { messageId: echoed, by: "echo", certain: true };
  try {
    const listed = await client.listMessages(conversationId);
    const sinceSeconds = Math.floor(since.getTime() / 1000);
    const match = listed.find(
      (m) => m.outgoing && m.private === (message.private ?? false) && m.content === message.content && m.createdAt >= sinceSeconds && !claimed.has(m.id),
    );
    return match ? { messageId: match.id, by: "inbox_messages", certain: true } : { certain: true };
  } catch (error) {
    deps.logger.warn({ err: error, jobId: job.id }, "could not read the conversation's messages; waiting for an echo instead");
    return { certain: false };
  }
}
