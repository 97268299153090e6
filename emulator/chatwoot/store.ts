import { randomUUID } from "node:crypto";
import type { Account, AgentBot, Contact, ContactInbox, Conversation, Inbox, Message, Team, User } from "./model.js";
import type { TypingBroadcast } from "./typing.js";

/** The emulator's database: plain rows, looked up the way Chatwoot's controllers do. */
export type World = {
  account: Account;
  inbox: Inbox;
  bots: AgentBot[];
  users: User[];
  teams: Team[];
};

export class NotFound extends Error {
  override name = "NotFound";
}

export function createStore(world: World) {
  const contacts: Contact[] = [];
  const contactInboxes: ContactInbox[] = [];
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  /** What the contacts' widgets were told about typing, in order (not a table: ActionCable). */
  const typing: TypingBroadcast[] = [];
  const seq = { contact: 100, contactInbox: 200, conversation: 0, displayId: 0, message: 9000 };

  return {
    ...world,
    contacts,
    contactInboxes,
    conversations,
    messages,
    typing,
    nextId(kind: keyof typeof seq): number {
      seq[kind] += 1;
      return seq[kind];
    },
    newUuid: () => randomUUID(),
    /** `Current.account.conversations.find_by!(display_id:)`. */
    conversationByDisplayId(displayId: number): Conversation {
      const found = conversations.find((c) => c.displayId === displayId);
      if (!found) throw new NotFound(`conversation ${String(displayId)}`);
      return found;
    },
    conversationById(id: number): Conversation {
      const found = conversations.find((c) => c.id === id);
      if (!found) throw new NotFound(`conversation #${String(id)}`);
      return found;
    },
    messagesOf(conversationId: number): Message[] {
      return messages.filter((m) => m.conversationId === conversationId);
    },
    messageById(id: number): Message | undefined {
      return messages.find((m) => m.id === id);
    },
    contactById(id: number): Contact {
      const found = contacts.find((c) => c.id === id);
      if (!found) throw new NotFound(`contact ${String(id)}`);
      return found;
    },
    contactInboxById(id: number): ContactInbox {
      const found = contactInboxes.find((c) => c.id === id);
      if (!found) throw new NotFound(`contact inbox ${String(id)}`);
      return found;
    },
    user: (id: number | null) => (id === null ? undefined : world.users.find((u) => u.id === id)),
    bot: (id: number | null) => (id === null ? undefined : world.bots.find((b) => b.id === id)),
    team: (id: number | null) => (id === null ? undefined : world.teams.find((t) => t.id === id)),
    /** The inbox's own agent bot, when its AgentBotInbox is active (`Inbox#active_bot?`). */
    activeInboxBot(): AgentBot | undefined {
      return world.inbox.agentBotActive ? world.bots.find((b) => b.id === world.inbox.agentBotId) : undefined;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
