import type { Db } from "../../../db/client.js";
import type { Write } from "../../../db/guarded-writes.js";
import type { BotRow } from "../../../db/queries/bots.js";
import * as botsQ from "../../../db/queries/bots.js";
import * as conversationsQ from "../../../db/queries/conversations.js";
import * as decisionsQ from "../../../db/queries/decisions.js";
import * as jobsQ from "../../../db/queries/jobs.js";
import type { InboxAction } from "../../../domain/decision.js";
import { InboxApiError } from "../../../inbox/inbox-api-error.js";
import type { InboxClient } from "../../../inbox/inbox-client.js";
import type { InboxStatus } from "../../../inbox/parse-delivery.js";
import { confirmHandover } from "../../conversations/ownership.js";
import type { PipelineDeps } from "../../pipeline-deps.js";
import type { JobLoaders } from "../../queue/job-loaders.js";
import { type JobHandler, type JobOutcome, type JobRow, PermanentJobError } from "../../queue/queue-worker.js";
import { freshProgress, type OutboxPayload, outboxPayloadSchema, type OutboxProgress, outboxProgressSchema } from "./outbox-job.js";
import { markCustomAttributes, markLabels, markPriority, stopTyping } from "./conversation-marks.js";
import { sendGuarded } from "./send-guard.js";

/** What the steps learned, committed with the job's "done". */
type Learned = { status: InboxStatus | null; agentBotId: number | null; messageIds: (number | null)[] };

type StepResult = { kind: "next" } | { kind: "later"; runAt: Date; reason: string } | { kind: "failed"; error: string };

/**
 * Carries out one turn's inbox actions in order (message → assignment → note → open …) as one job
 * (docs/architecture.md, step 10). Progress survives a crash or a retry: a finished action is never
 * repeated, a send is guarded against duplicates, and an action the inbox refuses for good is
 * written onto the decision while the rest still go out (the customer still reaches a human).
 */
/** What the outbound job needs: the inbox clients and what they allow, the database, clock, logger and metrics. */
export type OutboundDeps = Pick<PipelineDeps, "db" | "clock" | "logger" | "metrics" | "inboxFor" | "inboxFacts">;

export function createOutboxHandler(deps: OutboundDeps, load: JobLoaders): JobHandler {
  return async (job) => {
    const parsed = outboxPayloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError(`unreadable outbound job: ${parsed.error.message}`);
    const payload = parsed.data;
    const bot = await load.bot(job.botId);
    if (!bot) return { type: "done", result: { skipped: "bot deleted" } };
    const client = deps.inboxFor(bot);
    if (!client) throw new PermanentJobError("the bot has no inbox credentials (baseUrl, accountId, botToken)");
    const read = outboxProgressSchema.safeParse(job.progress);
    let progress: OutboxProgress = read.success ? read.data : freshProgress;
    const save = async (next: OutboxProgress) => {
      progress = next;
      if (!(await jobsQ.saveJobProgress(deps.db, job, next))) throw new Error("lost the job lease");
    };
    const learned: Learned = { status: null, agentBotId: null, messageIds: [] };

    for (let step = progress.step; step < payload.actions.length; step++) {
      const action = payload.actions[step];
      if (!action) break;
      let result: StepResult;
      try {
        result = await runStep({ deps, job, bot, client, payload, step, progress, save, learned }, action);
      } catch (error) {
        if (!(error instanceof InboxApiError) || error.details.retryable) {
          // Retry from this step: what came before is done.
          // A recorded send of an earlier step is done; only this step's own attempt matters now.
          if (progress.step !== step) await save({ ...progress, step, send: null });
          throw error;
        }
        result = { kind: "failed", error: error.message };
      }
      if (result.kind === "later") {
        if (progress.step !== step) await save({ ...progress, step });
        return { type: "later", runAt: result.runAt, reason: result.reason };
      }
      if (result.kind === "failed") {
        deps.logger.warn({ jobId: job.id, step, action: action.action, error: result.error }, "inbox action failed for good; going on with the rest");
        progress = {
          ...progress,
          failures: [...progress.failures, { step, action: action.action, error: result.error, at: deps.clock.now().toJSDate().toISOString() }],
        };
      }
      progress = { ...progress, step: step + 1, send: null };
    }
    return finish(deps, load, { bot, payload, progress, learned });
  };
}

type StepContext = {
  deps: OutboundDeps;
  job: JobRow;
  bot: BotRow;
  client: InboxClient;
  payload: OutboxPayload;
  step: number;
  progress: OutboxProgress;
  save: (next: OutboxProgress) => Promise<void>;
  learned: Learned;
};

async function runStep(ctx: StepContext, action: InboxAction): Promise<StepResult> {
  const { client, payload } = ctx;
  const marks = { deps: ctx.deps, client, conversationId: payload.conversationId };
  switch (action.action) {
    case "custom_attributes":
      await markCustomAttributes(marks, action);
      return { kind: "next" };
    case "priority":
      await markPriority(marks, action);
      return { kind: "next" };
    case "labels":
      await markLabels(marks, action);
      return { kind: "next" };
    case "typing":
      await stopTyping(marks);
      return { kind: "next" };
    case "assign_team":
      await client.assignTeam(payload.conversationId, action.teamId);
      return { kind: "next" };
    case "toggle_status":
      // The inbox may skip the status event after our own handoff; its answer is the evidence.
      ctx.learned.status = await client.toggleStatus(payload.conversationId, action.status);
      return { kind: "next" };
    case "message": {
      const sent = await sendGuarded(
        {
          db: ctx.deps.db,
          client,
          botId: ctx.bot.id,
          conversationId: payload.conversationId,
          jobId: ctx.job.id,
          step: ctx.step,
          now: ctx.deps.clock.now().toJSDate(),
          earlier: ctx.progress.step === ctx.step ? ctx.progress.send : null,
          recordAttempt: (attempt) => ctx.save({ ...ctx.progress, step: ctx.step, send: attempt }),
        },
        action.message,
      );
      if (sent.kind === "later") return sent;
      if (sent.kind === "unconfirmed") return { kind: "failed", error: sent.reason };
      const first = !action.message.private && ctx.learned.messageIds.length === 0 && ctx.payload.receivedAt;
      if (first) ctx.deps.metrics.firstReplySent((ctx.deps.clock.now().toMillis() - Date.parse(first)) / 1000);
      ctx.learned.messageIds.push(sent.messageId);
      ctx.learned.agentBotId ??= sent.agentBotId;
      return { kind: "next" };
    }
  }
}

/**
 * What the actions changed, written with the job's "done" in one batch (ADR 20): the handover's
 * confirmed status, our agent-bot id, failures. The conversation is read here, outside that
 * batch: only its own jobs write it, and they run one at a time (its ordering key).
 */
async function finish(
  deps: OutboundDeps,
  load: JobLoaders,
  args: { bot: BotRow; payload: OutboxPayload; progress: OutboxProgress; learned: Learned },
): Promise<JobOutcome> {
  const { bot, payload, progress, learned } = args;
  const now = deps.clock.now().toJSDate();
  const agentBotId = learned.agentBotId !== null && learned.agentBotId !== bot.omnichatAgentBotId ? learned.agentBotId : null;
  const state = learned.status ? await load.conversation(bot.id, payload.conversationId) : undefined;
  const confirmed = state && learned.status ? confirmHandover(state, learned.status, now) : null;
  const failedDecision = progress.failures.length > 0 && payload.decisionId ? payload.decisionId : null;
  const writes = (db: Db): Write[] => [
    ...(confirmed ? [conversationsQ.saveConversation(db, confirmed)] : []),
    // Assignments name bots by id: remember ours the first time the inbox tells it.
    ...(agentBotId !== null ? [botsQ.setAgentBotId(db, bot.id, agentBotId)] : []),
    ...(failedDecision ? [decisionsQ.recordInboxFailures(db, failedDecision, progress.failures)] : []),
  ];
  return {
    type: "done",
    result: {
      messageIds: learned.messageIds,
      ...(learned.status && { currentStatus: learned.status }),
      ...(progress.failures.length > 0 && { failures: progress.failures }),
    },
    // Nothing to write: marking the job done is then one statement.
    ...((confirmed !== null || agentBotId !== null || failedDecision !== null) && { writes }),
  };
}
