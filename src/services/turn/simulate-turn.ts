import * as botsQ from "../../db/queries/bots.js";
import * as conversationsQ from "../../db/queries/conversations.js";
import type { Decision, InboxAction, OutgoingMessage } from "../../domain/decision.js";
import { notFound } from "../../errors.js";
import type { ConversationState } from "../conversations/conversation-state.js";
import { freshConversation } from "../conversations/conversation-state.js";
import type { DecisionView } from "../conversations/conversation-service.js";
import type { PipelineDeps } from "../pipeline-deps.js";
import { commitTurn } from "./commit/commit-turn.js";
import { prepareTurn, type TurnDeps } from "./prepare/prepare-turn.js";

export type SimulateInput = {
  conversationId: number;
  text?: string | undefined;
  payload?: string | undefined;
  /** The inbox channel to pretend, e.g. `Channel::Instagram` (reply limits, quick replies). */
  channel?: string | undefined;
  /** Attachment-borne signals such as Instagram's `story_mention`. */
  attachmentTypes?: string[] | undefined;
  contentAttributes?: Record<string, unknown> | undefined;
  /** Start the conversation over: forget its state, as after a handback. */
  reset?: boolean | undefined;
};

export type SimulateResult = {
  /** Null when a human owns the conversation: the bot stays silent. */
  decision: DecisionView | null;
  /** What the customer would see, in order. */
  messages: OutgoingMessage[];
  /** Everything that would go to the inbox, in order (messages, private note, assignment, open). */
  actions: InboxAction[];
  conversation: Pick<ConversationState, "owner" | "handedOverTo" | "flowState"> & { clarifyPending: boolean };
};

const view = (state: ConversationState): SimulateResult["conversation"] => ({
  owner: state.owner,
  handedOverTo: state.handedOverTo,
  flowState: state.flowState,
  clarifyPending: state.clarifyPending > 0,
});

function decisionView(id: string, conversationId: number, decision: Decision, outcome: Record<string, unknown>, text: string, at: Date): DecisionView {
  return { id, conversationId, eventId: null, ...decision, outcome, text, createdAt: at.toISOString() };
}

/**
 * The emulator: one customer turn through exactly the pipeline a webhook turn takes, minus the
 * inbox. The conversation's state and the decision are stored (so multi-turn flows and clarifying
 * questions work, and the decision log shows it); nothing is sent.
 */
/** What the simulator needs: preparing a turn, and the clock; it enqueues nothing, so no queue or inbox writer. */
export type SimulateDeps = TurnDeps & Pick<PipelineDeps, "clock">;

export async function simulateTurn(deps: SimulateDeps, botId: string, input: SimulateInput): Promise<SimulateResult> {
  const bot = await botsQ.findBot(deps.db, botId);
  if (!bot) throw notFound("bot", botId);
  const now = deps.clock.now().toJSDate();
  const existing = input.reset ? undefined : await conversationsQ.findConversation(deps.db, botId, input.conversationId);
  const state = existing
    ? { ...existing, channel: input.channel ?? existing.channel }
    : freshConversation(botId, { conversationId: input.conversationId, channel: input.channel ?? null }, now);
  if (state.owner === "human") return { decision: null, messages: [], actions: [], conversation: view(state) };

  const turn = {
    messageId: 0,
    text: input.text ?? "",
    payload: input.payload ?? null,
    attachmentTypes: input.attachmentTypes ?? [],
    contentAttributes: input.contentAttributes ?? {},
  };
  const prepared = await prepareTurn(deps, bot, state, turn, now);
  prepared.outcome = { ...prepared.outcome, simulated: true };
  await deps.db.transaction((tx) => commitTurn(tx, prepared, { eventId: null, now, enqueue: false }));
  return {
    decision: decisionView(prepared.decisionId, input.conversationId, prepared.decision, prepared.outcome, prepared.text, now),
    messages: prepared.actions.flatMap((a) => (a.action === "message" && !a.message.private ? [a.message] : [])),
    actions: prepared.actions,
    conversation: view(prepared.state),
  };
}
