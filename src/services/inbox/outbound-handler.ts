import { z } from "zod";
import * as botsQ from "../../db/queries/bots.js";
import * as eventsQ from "../../db/queries/inbox-events.js";
import * as jobsQ from "../../db/queries/jobs.js";
import type { OutgoingMessage } from "../../domain/decision.js";
import { InboxApiError } from "../../omnichat/inbox-api-error.js";
import type { InboxClient } from "../../omnichat/inbox-client.js";
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
        case "toggle_status":
          return { type: "done", result: { currentStatus: await client.toggleStatus(payload.conversationId, payload.status) } };
        case "message":
          return await sendOnce(deps, job, client, payload.conversationId, payload.message);
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
  job: JobRow,
  client: InboxClient,
  conversationId: number,
  message: OutgoingMessage,
): Promise<JobOutcome> {
  const now = deps.clock.now().toJSDate();
  const attemptedAt = typeof job.progress?.attemptStartedAt === "string" ? new Date(job.progress.attemptStartedAt) : null;
  if (attemptedAt) {
    const echoed = await unclaimedEcho(deps, job, conversationId, message, attemptedAt);
    if (echoed !== undefined) return { type: "done", result: { messageId: echoed, confirmedBy: "echo" } };
    const waitUntil = attemptedAt.getTime() + echoWaitMs;
    if (now.getTime() < waitUntil) {
      return { type: "later", runAt: new Date(waitUntil), reason: "an earlier attempt may have been delivered; waiting for its echo" };
    }
  }
  if (!(await jobsQ.saveJobProgress(deps.db, job, { attemptStartedAt: now.toISOString() }))) {
    throw new Error("lost the job lease before sending");
  }
  try {
    const sent = await client.sendMessage(conversationId, message);
    return { type: "done", result: { messageId: sent.id } };
  } catch (error) {
    // An answer that proves nothing was created clears the attempt, so the retry sends at once.
    if (error instanceof InboxApiError && !error.details.outcomeUnknown && error.details.status !== 500) {
      await jobsQ.saveJobProgress(deps.db, job, null);
    }
    throw error;
  }
}

async function unclaimedEcho(
  deps: PipelineDeps,
  job: JobRow,
  conversationId: number,
  message: OutgoingMessage,
  since: Date,
): Promise<number | undefined> {
  const echoes = await eventsQ.findEchoes(deps.db, {
    botId: job.botId,
    conversationId,
    content: message.content,
    since: new Date(since.getTime() - 1000),
    kinds: message.private ? ["private_note"] : ["echo"],
  });
  if (echoes.length === 0) return undefined;
  const done = await jobsQ.listDoneJobResults(deps.db, {
    orderingKey: orderingKey(job.botId, conversationId),
    queue: queues.outbound,
    since: new Date(since.getTime() - 1000),
  });
  const claimed = new Set(done.map((d) => d.result?.messageId));
  return echoes.find((e) => e.messageId !== null && !claimed.has(e.messageId))?.messageId ?? undefined;
}
