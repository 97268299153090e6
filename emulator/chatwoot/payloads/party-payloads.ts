import type { Account, AgentBot, Contact, Inbox, SenderRef, Team, User } from "../model.js";
import type { Store } from "../store.js";

// The small objects inside webhook payloads. Key order follows the Ruby hashes, since the body is
// `payload.to_json` of them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const asJson = (value: Record<string, unknown>): JsonObject => value as JsonObject;

/** Chatwoot app/models/account.rb#webhook_data. */
export const accountWebhook = (a: Account): JsonObject => ({ id: a.id, name: a.name });

/** Chatwoot app/models/inbox.rb#webhook_data. */
export const inboxWebhook = (i: Inbox): JsonObject => ({ id: i.id, name: i.name });

/** The contact's own fields, in the order both of Contact's serialisers list them. */
const contactFields = (c: Contact): JsonObject => ({
  email: c.email,
  id: c.id,
  identifier: c.identifier,
  name: c.name,
  phone_number: c.phoneNumber,
});

/** Chatwoot app/models/contact.rb#webhook_data (current: no `type`, removed in #6415; v1.18: `{id,name,avatar,type}`). */
export function contactWebhook(c: Contact, account: Account, legacy: boolean): JsonObject {
  if (legacy) return { id: c.id, name: c.name, avatar: "", type: "contact" };
  const attributes = { additional_attributes: asJson(c.additionalAttributes), avatar: "", custom_attributes: asJson(c.customAttributes) };
  return { account: accountWebhook(account), ...attributes, ...contactFields(c), thumbnail: "", blocked: c.blocked };
}

/** Chatwoot app/models/contact.rb#push_event_data (v1.18 carries `pubsub_token` and no `blocked`). */
export function contactPush(c: Contact, legacy: boolean, pubsubToken: string): JsonObject {
  const base: JsonObject = { additional_attributes: asJson(c.additionalAttributes), custom_attributes: asJson(c.customAttributes), ...contactFields(c) };
  if (legacy) return { ...base, pubsub_token: pubsubToken, thumbnail: "", type: "contact" };
  return { ...base, thumbnail: "", blocked: c.blocked, type: "contact" };
}

/**
 * Chatwoot app/models/user.rb#push_event_data. `availability_status` is read per account
 * (OnlineStatusTracker); a webhook job builds it without the account context, so it is null there.
 */
export function userPush(u: User, availability: string | null): JsonObject {
  return { id: u.id, name: u.name, available_name: u.name, avatar_url: "", type: "user", availability_status: availability, thumbnail: "" };
}

/** Chatwoot app/models/user.rb#webhook_data. */
export const userWebhook = (u: User): JsonObject => ({ id: u.id, name: u.name, email: u.email, type: "user" });

/** Chatwoot app/models/agent_bot.rb#push_event_data. */
export const botPush = (b: AgentBot): JsonObject => ({ id: b.id, name: b.name, avatar_url: "", type: "agent_bot" });

/** Chatwoot app/models/agent_bot.rb#webhook_data. */
export const botWebhook = (b: AgentBot): JsonObject => ({ id: b.id, name: b.name, type: "agent_bot" });

/** Chatwoot app/models/team.rb#push_event_data. */
export const teamPush = (t: Team): JsonObject => ({ id: t.id, name: t.name });

/** `sender.try(:webhook_data)` of a message: null for template and activity messages. */
export function senderWebhook(store: Store, sender: SenderRef, legacy: boolean): Json {
  if (sender === null) return null;
  if (sender.type === "Contact") return contactWebhook(store.contactById(sender.id), store.account, legacy);
  if (sender.type === "User") {
    const user = store.user(sender.id);
    return user ? userWebhook(user) : null;
  }
  const bot = store.bot(sender.id);
  return bot ? botWebhook(bot) : null;
}

/** `merge_sender_attributes` of Message#push_event_data. */
export function senderPush(store: Store, sender: SenderRef, legacy: boolean): Json | undefined {
  if (sender === null) return undefined;
  if (sender.type === "Contact") {
    const contactInbox = store.contactInboxes.find((ci) => ci.contactId === sender.id);
    return contactPush(store.contactById(sender.id), legacy, contactInbox?.pubsubToken ?? "");
  }
  if (sender.type === "User") {
    const user = store.user(sender.id);
    return user ? userPush(user, user.availability) : undefined;
  }
  const bot = store.bot(sender.id);
  return bot ? botPush(bot) : undefined;
}
