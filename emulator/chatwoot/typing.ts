import type { Engine } from "./engine.js";
import type { Actor, DomainEvent } from "./events.js";
import type { Conversation } from "./model.js";

/** One typing event as the contact's web widget receives it over ActionCable. */
export type TypingBroadcast = { conversationId: number; status: "on" | "off"; isPrivate: boolean; by: Actor; atMs: number };

/** Ruby truthiness of a request parameter: only nil and false are false. */
const truthy = (value: unknown) => value !== undefined && value !== null && value !== false;

/**
 * Conversations::TypingStatusManager#toggle_typing_status (app/services/conversations/typing_status_manager.rb):
 * `typing_status` 'on' or 'off' dispatches conversation_typing_on/off with `is_private`; any other
 * value does nothing, and the controller answers `head :ok` either way.
 */
export function toggleTypingStatus(engine: Engine, c: Conversation, params: Record<string, unknown>, actor: Actor): void {
  const status = params.typing_status;
  if (status !== "on" && status !== "off") return;
  engine.dispatch({
    name: status === "on" ? "conversation_typing_on" : "conversation_typing_off",
    conversation: c,
    user: actor,
    isPrivate: truthy(params.is_private),
  });
}

/**
 * ActionCableListener#conversation_typing_on/off (app/listeners/action_cable_listener.rb): the
 * event goes to the inbox's agents and to the contact's widget (`typing_event_listener_tokens`),
 * except to the one typing. AgentBotListener has no typing handler: bots never receive it.
 */
export function recordWidgetTyping(log: TypingBroadcast[], event: DomainEvent, atMs: number): void {
  if (event.name !== "conversation_typing_on" && event.name !== "conversation_typing_off") return;
  if (event.user?.type === undefined) return;
  log.push({
    conversationId: event.conversation.displayId,
    status: event.name === "conversation_typing_on" ? "on" : "off",
    isPrivate: event.isPrivate,
    by: event.user,
    atMs,
  });
}

/** The widget turns a typing indicator off by itself after 30 s (app/javascript/widget/helpers/actionCable.js#initTimer). */
export const widgetTypingTimeoutMs = 30_000;

/**
 * Whether the widget shows "agent is typing" now (actionCable.js `onTypingOn`/`onTypingOff`): a
 * private "on" is ignored, any "off" clears it, and a message does not (the bubble stays until
 * "off" or the 30 s timer).
 */
export function widgetShowsTyping(log: readonly TypingBroadcast[], conversationId: number, nowMs: number): boolean {
  let since: number | null = null;
  for (const b of log) {
    if (b.conversationId !== conversationId) continue;
    if (b.status === "off") since = null;
    else if (!b.isPrivate) since = b.atMs;
  }
  return since !== null && nowMs - since < widgetTypingTimeoutMs;
}
