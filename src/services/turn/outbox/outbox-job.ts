import { z } from "zod";
import { type InboxAction, inboxActionSchema } from "../../../domain/decision.js";
import { conversationKey, maxAttempts, queues } from "../../queue/queues.js";

/** One turn's inbox actions, carried out in order by one outbound job (docs/architecture.md, step 10). */
export const outboxPayloadSchema = z.object({
  conversationId: z.number().int(),
  /** The decision the actions carry out: failures are written onto it, where the admin sees them. */
  decisionId: z.string().nullable(),
  /** When the delivery the turn answers was received (first-reply latency); null for other turns. */
  receivedAt: z.string().nullish(),
  actions: z.array(inboxActionSchema),
});
export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;

/** What a run got through, kept across retries and crashes in the job's `progress`. */
export const outboxProgressSchema = z.object({
  /** Actions before this index are done. */
  step: z.number().int().min(0),
  /** A send of action `step` was attempted: its marker and when, so a retry can look for it first. */
  send: z.object({ marker: z.string(), attemptedAt: z.string() }).nullable(),
  failures: z.array(z.object({ step: z.number().int(), action: z.string(), error: z.string(), at: z.string().optional() })),
});
export type OutboxProgress = z.infer<typeof outboxProgressSchema>;

export const freshProgress: OutboxProgress = { step: 0, send: null, failures: [] };

/** The outbound job for a turn's actions (one per turn, so the conversation's next turn waits for all of them). */
export function outboxJob(args: {
  botId: string;
  conversationId: number;
  decisionId: string | null;
  actions: InboxAction[];
  now: Date;
  receivedAt: Date | null;
}) {
  const payload: OutboxPayload = {
    conversationId: args.conversationId,
    decisionId: args.decisionId,
    actions: args.actions,
    receivedAt: args.receivedAt?.toISOString() ?? null,
  };
  return {
    queue: queues.outbound,
    botId: args.botId,
    orderingKey: conversationKey(args.botId, args.conversationId),
    payload,
    maxAttempts: maxAttempts.outbound,
    runAt: args.now,
  };
}
