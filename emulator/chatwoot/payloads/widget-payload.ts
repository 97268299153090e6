import type { ContactInbox } from "../model.js";
import { conversationWebhook } from "./conversation-payload.js";
import type { PayloadContext } from "./message-payload.js";
import { type JsonObject, accountWebhook, contactWebhook, inboxWebhook } from "./party-payloads.js";

/**
 * `webwidget_triggered`: Chatwoot app/models/contact_inbox.rb#webhook_data plus `event` and the
 * widget's `event_info` (app/controllers/api/v1/widget/events_controller.rb).
 */
export function widgetTriggeredPayload(ctx: PayloadContext, ci: ContactInbox, eventInfo: JsonObject): JsonObject {
  const { store } = ctx;
  const current = store.conversations.filter((c) => c.contactInboxId === ci.id).at(-1);
  return {
    id: ci.id,
    contact: contactWebhook(store.contactById(ci.contactId), store.account, ctx.profile.legacyShapes),
    inbox: inboxWebhook(store.inbox),
    account: accountWebhook(store.account),
    current_conversation: current ? conversationWebhook(ctx, current) : null,
    source_id: ci.sourceId,
    event: "webwidget_triggered",
    event_info: eventInfo,
  };
}
