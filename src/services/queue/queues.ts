/**
 * Every queue of the durable queue (docs/decisions/0005) in one place: its name, how many times a
 * job is tried before it is dead-lettered, and the ordering keys that decide which jobs wait for
 * which (the worker runs the jobs of one key one at a time, oldest first).
 */
export const queues = {
  /** One stored webhook delivery: ownership, then for a customer turn a decision (inbound-handler.ts). */
  inbound: "inbound",
  /** One turn's inbox actions, in order (outbox-handler.ts). */
  outbound: "outbound",
  /** Re-embedding examples and knowledge after the embeddings model changed (src/services/memory/reembed.ts). */
  reembed: "reembed",
  /** Retraining a bot's offline router after its examples or keywords changed (src/services/memory/router-training.ts). */
  trainRouter: "train-router",
} as const;

/** Attempts before a job is dead-lettered (backoff between them in run-job.ts). */
export const maxAttempts: Record<keyof typeof queues, number> = {
  inbound: 8,
  // Each run resumes after the last finished action, so more attempts cost no repeated sends.
  outbound: 10,
  // Idempotent batches of a background pass; a long database outage must not end it.
  reembed: 20,
  trainRouter: 5,
};

/** A conversation's inbound and outbound jobs share one key: its turns and their sends run in order. */
export const conversationKey = (botId: string, conversationId: number) => `${botId}:${String(conversationId)}`;

/** Re-embedding passes of all processes share one key, so they never overlap. */
export const reembedKey = "reembed";

/** One training of a bot's router at a time. */
export const trainRouterKey = (botId: string) => `${queues.trainRouter}:${botId}`;
