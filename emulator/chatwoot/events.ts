import type { JsonObject } from "./payloads/party-payloads.js";
import type { ContactInbox, Conversation, Message } from "./model.js";

/** `[{ "<attr>": { previous_value, current_value } }, ...]` (app/listeners/base_listener.rb#extract_changed_attributes). */
export type ChangedAttributes = JsonObject[];

/** What Chatwoot's synchronous dispatcher publishes to AgentBotListener (app/dispatchers/sync_dispatcher.rb). */
export type DomainEvent =
  | { name: "conversation_opened" | "conversation_resolved" | "conversation_status_changed"; conversation: Conversation }
  | { name: "conversation_updated"; conversation: Conversation; changedAttributes: ChangedAttributes }
  | { name: "message_created" | "message_updated"; message: Message }
  | { name: "webwidget_triggered"; contactInbox: ContactInbox; eventInfo: JsonObject }
  /** Conversations::TypingStatusManager: for the dashboard and the widget (ActionCable), never for agent bots. */
  | { name: "conversation_typing_on" | "conversation_typing_off"; conversation: Conversation; user: Actor; isPrivate: boolean };

export type Dispatch = (event: DomainEvent) => void;

/** Who made the change: `Current.user` (a user or an agent bot), or the system (jobs, callbacks). */
export type Actor = { type: "User"; id: number; name: string } | { type: "AgentBot"; id: number; name: string } | null;
