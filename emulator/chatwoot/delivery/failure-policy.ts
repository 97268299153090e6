import { saveConversation } from "../conversation-save.js";
import type { Engine } from "../engine.js";
import type { DeliveryJob } from "./queue.js";

/** A delivery that failed for good: what a test asserts never happens. */
export type AgentBotError = {
  deliveryId: string;
  jobId: number;
  event: string;
  url: string;
  conversationId: number | null;
  messageId: number | null;
  attempts: number;
  reason: string;
  /** Whether the failure handed the conversation to humans. */
  openedConversation: boolean;
};

/** config/locales/en.yml conversations.activity.agent_bot.error_moved_to_open */
export const botErrorActivity = "Conversation was marked open by system due to an error with the agent bot.";

/**
 * Webhooks::Trigger#handle_error → #update_conversation_status (lib/webhooks/trigger.rb, 4.8.0+):
 * after a message event's delivery failed (timeout, refused, or a non-2xx after its retries), the
 * message's conversation, if it is still pending, is opened to humans, unless the account keeps
 * pending conversations on bot failure (4.11.0).
 */
export function handleDeliveryFailure(engine: Engine, job: DeliveryJob, reason: string): AgentBotError {
  const error: AgentBotError = {
    deliveryId: job.deliveryId,
    jobId: job.id,
    event: job.event,
    url: job.url,
    conversationId: job.conversationId,
    messageId: job.messageId,
    attempts: job.attempts.length,
    reason,
    openedConversation: false,
  };
  if (!engine.profile.failurePolicy) return error;
  if (job.event !== "message_created" && job.event !== "message_updated") return error;
  const message = job.messageId === null ? undefined : engine.store.messageById(job.messageId);
  if (!message) return error;
  const conversation = engine.store.conversationById(message.conversationId);
  if (conversation.status !== "pending" || engine.store.account.keepPendingOnBotFailure) return error;
  saveConversation(engine, conversation, { status: "open" }, null);
  engine.activity(conversation, botErrorActivity);
  error.openedConversation = true;
  return error;
}
