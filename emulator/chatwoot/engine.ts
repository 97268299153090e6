import type { RoundRobin } from "./auto-assignment.js";
import type { DbTime } from "./db-time.js";
import type { Dispatch } from "./events.js";
import type { Conversation, Message } from "./model.js";
import type { VersionProfile } from "./profiles.js";
import type { Store } from "./store.js";

/** Behaviour switches that are not tied to a version. */
export type Behaviour = {
  /**
   * Chatwoot issues #9277 / #10078: when becoming open runs auto-assignment inside the same save,
   * Rails' `previous_changes` ends up holding only the assignment, so `conversation_opened` and
   * `conversation_status_changed` are never dispatched; only `conversation_updated` arrives.
   */
  skipStatusEventsAfterAutoAssignment: boolean;
  /** CONVERSATION_MESSAGE_PER_MINUTE_LIMIT (lib/limits.rb, default 200). */
  messagesPerMinuteLimit: number;
};

/** Everything the model code needs: the rows, the version, the clock and the event dispatcher. */
export type Engine = {
  store: Store;
  profile: VersionProfile;
  time: DbTime;
  robin: RoundRobin;
  dispatch: Dispatch;
  behaviour: Behaviour;
  /** Posts an activity message (Conversations::ActivityMessageJob): stored, never sent to bots. */
  activity(conversation: Conversation, content: string): void;
  /** The rest of a new message's commit callbacks: the inbox's message templates. */
  afterMessage(conversation: Conversation, message: Message): void;
};
