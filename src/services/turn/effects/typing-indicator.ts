import type { BotRow } from "../../../db/queries/bots.js";
import type { InboxAction } from "../../../domain/decision.js";
import type { Settings } from "../../../domain/settings.js";
import { InboxApiError } from "../../../inbox/inbox-api-error.js";
import type { InboxClient } from "../../../inbox/inbox-client.js";
import type { PipelineDeps } from "../../pipeline-deps.js";

/**
 * The bot "typing" in the inbox's web widget while the LLM decides a turn (Chatwoot 4.11.2+ lets an
 * agent bot do it; other channels do not show it). "On" is a side call started as the router begins
 * to wait on the LLM: it runs alongside the decision, so it never delays it, and its failure only
 * means no indicator. "Off" goes out with the turn's actions, right after its last public message,
 * since the widget keeps the indicator until told (or 30 s): a message does not clear it.
 */
export type TypingIndicator = {
  /** The router is about to wait on the LLM. */
  thinking(settings: Settings): void;
  /** Waits at most `typingSettleMs` for "on" to be answered; adds "off" to the actions when "on" went out. */
  finish(actions: InboxAction[]): Promise<InboxAction[]>;
};

/**
 * How long a decided turn waits for "on" to be answered, so that "off" cannot overtake it. "On"
 * started before the LLM call, so it is normally long done; a slower inbox costs at most this.
 */
export const typingSettleMs = 300;

type Deps = Pick<PipelineDeps, "inboxFor" | "inboxFacts" | "logger">;

export function typingIndicator(deps: Deps, bot: BotRow, conversationId: number): TypingIndicator {
  let sent: Promise<boolean> | null = null;
  return {
    thinking(settings) {
      if (sent || !settings.inbox.typingIndicator) return;
      const client = deps.inboxFor(bot);
      if (client) sent = typingOn(deps, client, conversationId);
    },
    async finish(actions) {
      if (!sent) return actions;
      // Still unanswered: it will most likely land, and "off" must follow it.
      return (await within(sent, typingSettleMs, true)) ? withTypingOff(actions) : actions;
    },
  };
}

async function typingOn(deps: Deps, client: InboxClient, conversationId: number): Promise<boolean> {
  try {
    if (!(await deps.inboxFacts.has(client, "botTyping"))) return false;
    await client.toggleTyping(conversationId, "on");
    return true;
  } catch (error) {
    // An inbox of unknown version that refuses bots typing is not asked again for a while.
    if (error instanceof InboxApiError && error.details.status === 401) deps.inboxFacts.refused(client, "botTyping");
    deps.logger.info({ err: error, conversationId }, "typing indicator not shown");
    return false;
  }
}

/** The promise's value, or `otherwise` once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number, otherwise: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      resolve(otherwise);
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** "Off" right after the turn's last public message, or first when the turn says nothing to the customer. */
export function withTypingOff(actions: InboxAction[]): InboxAction[] {
  const at = actions.findLastIndex((a) => a.action === "message" && a.message.private !== true) + 1;
  return [...actions.slice(0, at), { action: "typing", status: "off" }, ...actions.slice(at)];
}
