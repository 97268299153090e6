import type { InboxAction } from "../../../domain/decision.js";
import { InboxApiError } from "../../../inbox/inbox-api-error.js";
import type { InboxClient } from "../../../inbox/inbox-client.js";
import type { PipelineDeps } from "../../pipeline-deps.js";

type Action<K extends InboxAction["action"]> = Extract<InboxAction, { action: K }>;
type MarkContext = { deps: Pick<PipelineDeps, "inboxFacts" | "logger">; client: InboxClient; conversationId: number };

// A handover's marks on the conversation. Chatwoot replaces custom attributes and labels as a
// whole (ConversationsController#custom_attributes, LabelConcern#create), so each is read, merged
// and written, as Chatwoot's own dashboard does; a retry merges again and changes nothing.

const refused = (error: unknown, status: number) => error instanceof InboxApiError && error.details.status === status;

/** A refusal the admin can act on, recorded on the decision (a non-retryable error). */
function giveUp(message: string, cause: unknown): InboxApiError {
  return new InboxApiError(`${message} (${cause instanceof Error ? cause.message : String(cause)})`, { retryable: false, cause });
}

/** The conversation's own attributes: read from the inbox, or as the customer's message carried them when the bot may not read. */
async function currentAttributes(ctx: MarkContext, seen: Record<string, unknown> | null): Promise<Record<string, unknown>> {
  try {
    return (await ctx.client.getConversation(ctx.conversationId)).customAttributes;
  } catch (error) {
    // Before Chatwoot 4.14.2 a bot token may write custom attributes but not read the conversation.
    if (refused(error, 401) && seen !== null) return seen;
    if (refused(error, 401))
      throw giveUp(
        "custom attributes not written: the conversation's own could not be read to merge with (a " +
          "bot token reads it from Chatwoot 4.14.2; or give the bot an administrator token)",
        error,
      );
    throw error;
  }
}

export async function markCustomAttributes(ctx: MarkContext, action: Action<"custom_attributes">): Promise<void> {
  // The route exists from Chatwoot 1.21: on older inboxes the setting has nothing to act on.
  if (!(await ctx.deps.inboxFacts.has(ctx.client, "customAttributes"))) return;
  const current = await currentAttributes(ctx, action.seen);
  if (Object.entries(action.attributes).every(([key, value]) => current[key] === value)) return;
  let kept: Record<string, unknown>;
  try {
    kept = await ctx.client.setCustomAttributes(ctx.conversationId, { ...current, ...action.attributes });
  } catch (error) {
    if (refused(error, 401))
      throw giveUp(
        "custom attributes not written: the inbox lets an agent bot write them from Chatwoot 4.2 " +
          "on; give the bot an administrator token or turn settings.inbox.handoverAttributes off",
        error,
      );
    throw error;
  }
  const missing = Object.keys(action.attributes).filter((key) => kept[key] !== action.attributes[key]);
  if (missing.length > 0) throw new InboxApiError(`custom attributes: the inbox did not keep ${missing.join(", ")}`, { retryable: false });
}

export async function markPriority(ctx: MarkContext, action: Action<"priority">): Promise<void> {
  try {
    await ctx.client.setPriority(ctx.conversationId, action.priority);
  } catch (error) {
    if (refused(error, 404)) throw giveUp("priority not set: this inbox has no conversation priorities (Chatwoot before 2.17)", error);
    if (refused(error, 401))
      throw giveUp("priority not set: the inbox lets an agent bot set it from Chatwoot 3.6 on; give the bot an administrator token", error);
    throw error;
  }
}

/** The division's labels added to the conversation's own: read, union, write. */
export async function markLabels(ctx: MarkContext, action: Action<"labels">): Promise<void> {
  const noToken = "labels not added: an agent bot may read and set labels from Chatwoot 4.14.2 on; give the bot an administrator token";
  let current: string[];
  try {
    current = await ctx.client.listLabels(ctx.conversationId);
  } catch (error) {
    if (refused(error, 401)) throw giveUp(noToken, error);
    throw error;
  }
  const missing = action.labels.filter((label) => !current.includes(label));
  if (missing.length === 0) return;
  let kept: string[];
  try {
    kept = await ctx.client.setLabels(ctx.conversationId, [...current, ...missing]);
  } catch (error) {
    if (refused(error, 401)) throw giveUp(noToken, error);
    throw error;
  }
  const lost = [...current, ...missing].filter((label) => !kept.includes(label));
  if (lost.length > 0) throw new InboxApiError(`labels: the inbox did not keep ${lost.join(", ")}`, { retryable: false });
}

/** Best effort: the widget clears the indicator by itself after 30 s, so a failure costs nothing worth a retry. */
export async function stopTyping(ctx: MarkContext): Promise<void> {
  try {
    await ctx.client.toggleTyping(ctx.conversationId, "off");
  } catch (error) {
    ctx.deps.logger.info({ err: error, conversationId: ctx.conversationId }, "typing indicator not turned off");
  }
}
