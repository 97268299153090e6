import { createConversation } from "../conversation-actions.js";
import type { Engine } from "../engine.js";
import { createMessage, submitValues } from "../message-create.js";
import type { ContactInbox, Conversation, Message } from "../model.js";

export type CustomerRef = { contact?: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A customer of the inbox, one contact per alias; the default alias is the first customer. */
export function createCustomers(engine: Engine) {
  const byAlias = new Map<string, ContactInbox>();
  const { store } = engine;
  const channel = store.inbox.channelType;

  function contactInbox(alias = "customer"): ContactInbox {
    const known = byAlias.get(alias);
    if (known) return known;
    const n = byAlias.size;
    const now = engine.time.now();
    const phone = `+62812345678${String(90 + n)}`;
    const name = n === 0 ? "Rina Wulandari" : `Pelanggan ${String(n + 1)} (${alias})`;
    const contact = {
      id: store.nextId("contact"),
      name,
      email: null,
      phoneNumber: channel === "Channel::Whatsapp" ? phone : null,
      identifier: null,
      blocked: false,
      additionalAttributes: {},
      customAttributes: {},
    };
    store.contacts.push(contact);
    // source_id: the phone for WhatsApp, a scoped user id for Meta channels, a UUID for the widget and the API.
    const sourceId =
      channel === "Channel::Whatsapp"
        ? phone.slice(1)
        : channel === "Channel::Instagram" || channel === "Channel::FacebookPage"
          ? `17841400${String(1000 + n)}`
          : store.newUuid();
    const ci: ContactInbox = {
      id: store.nextId("contactInbox"),
      contactId: contact.id,
      inboxId: store.inbox.id,
      sourceId,
      hmacVerified: false,
      pubsubToken: store.newUuid().replace(/-/g, "").slice(0, 24),
      createdAt: now,
      updatedAt: now,
    };
    store.contactInboxes.push(ci);
    byAlias.set(alias, ci);
    return ci;
  }

  const conversationsOf = (ci: ContactInbox) => store.conversations.filter((c) => c.contactInboxId === ci.id);

  /**
   * The conversation a new customer message lands in. The widget and the API continue the last one
   * (app/controllers/api/v1/widget/base_controller.rb#conversation); WhatsApp and Meta channels
   * start a new one after a resolved one unless the inbox locks to a single conversation
   * (app/services/whatsapp/incoming_message_base_service.rb#set_conversation); v1.18 kept one.
   */
  function conversationFor(ci: ContactInbox): Conversation {
    const all = conversationsOf(ci);
    const continues =
      channel === "Channel::WebWidget" || channel === "Channel::Api" || store.inbox.lockToSingleConversation || !engine.profile.newConversationAfterResolved;
    const existing = continues ? all.at(-1) : all.filter((c) => c.status !== "resolved").at(-1);
    return existing ?? createConversation(engine, ci, channel === "Channel::WebWidget" ? widgetAttributes(engine.time.unixSeconds()) : {});
  }

  return {
    contactInbox,
    /** The customer's latest conversation, if any. */
    currentConversation(ref: CustomerRef = {}): Conversation | undefined {
      return conversationsOf(contactInbox(ref.contact)).at(-1);
    },
    conversationsOf: (ref: CustomerRef = {}) => conversationsOf(contactInbox(ref.contact)),
    /** The customer writes (web-widget text carries `in_reply_to: null`). */
    says(text: string, ref: CustomerRef = {}): Message {
      const ci = contactInbox(ref.contact);
      const conversation = conversationFor(ci);
      const contentAttributes = channel === "Channel::WebWidget" ? { in_reply_to: null } : {};
      return createMessage(engine, conversation, {
        content: text,
        messageType: "incoming",
        contentAttributes,
        sourceId: channelMessageId(channel, store.newUuid()),
        sender: { type: "Contact", id: ci.contactId },
      });
    },
    /** The widget PATCHes the bot's message with `submitted_values` (all of a form's values). */
    submits(messageId: number, values: Record<string, unknown>[]): Message {
      const message = store.messageById(messageId);
      if (!message) throw new Error(`no message ${String(messageId)}`);
      if (message.contentType !== "input_select" && message.contentType !== "form")
        throw new Error(`message ${String(messageId)} is ${message.contentType}, not input_select or form`);
      submitValues(engine, message, values);
      return message;
    },
    /** A quick reply chosen by its title: `[{title, value}]` from the message's items. */
    chooses(messageId: number, title: string): Message {
      const items = store.messageById(messageId)?.contentAttributes.items;
      const item = Array.isArray(items) ? items.filter(isRecord).find((i) => i.title === title) : undefined;
      if (!item) throw new Error(`message ${String(messageId)} offers no "${title}"`);
      return this.submits(messageId, [{ title: item.title, value: item.value }]);
    },
    /** The visitor opens the widget (Api::V1::Widget::EventsController → `webwidget_triggered`). */
    opensWidget(ref: CustomerRef = {}): void {
      const ci = contactInbox(ref.contact);
      const eventInfo = {
        initiated_at: { timestamp: new Date(engine.time.clockMillis()).toString() },
        referer: "https://bank-abc.test/",
        widget_language: null,
        browser_language: "id",
        browser: widgetBrowser,
      };
      engine.dispatch({ name: "webwidget_triggered", contactInbox: ci, eventInfo });
    },
  };
}

/** The channel's id of an incoming message (WhatsApp `wamid.…`, Meta `m_…`); the widget and the API have none. */
function channelMessageId(channel: string, uuid: string): string | null {
  const compact = uuid.replace(/-/g, "");
  if (channel === "Channel::Whatsapp") return `wamid.HBgN${compact.toUpperCase()}`;
  if (channel === "Channel::Instagram" || channel === "Channel::FacebookPage") return `m_${compact}`;
  return null;
}

const widgetBrowser = { browser_name: "Chrome", browser_version: "124.0.0.0", device_name: "Unknown", platform_name: "Linux", platform_version: "0" };

/** Widget ConversationsController#conversation_params: browser details and when it started. */
function widgetAttributes(timestamp: number) {
  return { browser_language: "id", browser: widgetBrowser, initiated_at: { timestamp: String(timestamp) }, referer: "https://bank-abc.test/" };
}

export type Customers = ReturnType<typeof createCustomers>;
