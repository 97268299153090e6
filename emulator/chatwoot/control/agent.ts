import { assignAgent, assignAgentBot, assignTeam, toggleStatus } from "../conversation-actions.js";
import type { Engine } from "../engine.js";
import type { Actor } from "../events.js";
import { createMessage } from "../message-create.js";
import type { Availability, Conversation, Message } from "../model.js";

export type AgentRef = { agentId?: number };

/**
 * What a human does in the dashboard, through the same model code the API uses: a reply or a
 * note is MessagesController#create with the agent's session, a status change toggle_status,
 * an assignment AssignmentsController#create.
 */
export function createAgents(engine: Engine, defaultAgentId: number) {
  const { store } = engine;

  function actor(ref: AgentRef): Actor {
    const user = store.user(ref.agentId ?? defaultAgentId);
    if (!user) throw new Error(`no agent ${String(ref.agentId ?? defaultAgentId)}`);
    return { type: "User", id: user.id, name: user.name };
  }

  const message = (c: Conversation, content: string, isPrivate: boolean, ref: AgentRef): Message => {
    const who = actor(ref);
    return createMessage(engine, c, { content, messageType: "outgoing", private: isPrivate, sender: who ? { type: "User", id: who.id } : null }, who);
  };

  return {
    replies: (c: Conversation, text: string, ref: AgentRef = {}) => message(c, text, false, ref),
    notes: (c: Conversation, text: string, ref: AgentRef = {}) => message(c, text, true, ref),
    setsStatus: (c: Conversation, status: "open" | "resolved" | "pending" | "snoozed", ref: AgentRef = {}) => {
      const wire = status === "pending" ? engine.profile.pendingStatusName : status;
      return toggleStatus(engine, c, { status: wire }, actor(ref));
    },
    assignsTeam: (c: Conversation, teamId: number | null, ref: AgentRef = {}) => assignTeam(engine, c, teamId ?? 0, actor(ref)),
    assignsAgent: (c: Conversation, agentId: number | null, ref: AgentRef = {}) => assignAgent(engine, c, agentId, actor(ref)),
    assignsBot: (c: Conversation, botId: number, ref: AgentRef = {}) => assignAgentBot(engine, c, botId, actor(ref)),
    /** Presence lives in Redis (OnlineStatusTracker) and sends no webhook. */
    setPresence(agentId: number, availability: Availability): void {
      const user = store.user(agentId);
      if (!user) throw new Error(`no agent ${String(agentId)}`);
      user.availability = availability;
    },
  };
}

export type Agents = ReturnType<typeof createAgents>;
