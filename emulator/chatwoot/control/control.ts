import type { ApiCall } from "../api/router.js";
import type { FaultMode, FaultPattern, Faults } from "../api/faults.js";
import type { AgentBotError } from "../delivery/failure-policy.js";
import type { DeliveryJob, DeliveryQueue } from "../delivery/queue.js";
import type { Engine } from "../engine.js";
import type { DomainEvent } from "../events.js";
import type { Availability, Conversation } from "../model.js";
import { type AgentRef, createAgents } from "./agent.js";
import { type CustomerRef, createCustomers } from "./customer.js";
import { conversationState, customerView } from "./inbox-views.js";

/** Which conversation an action is about: a display id, or a customer's latest (the first customer by default). */
export type Target = CustomerRef & { conversationId?: number };

export type ControlDeps = { queue: DeliveryQueue; faults: Faults; agentBotErrors: AgentBotError[]; apiCalls: ApiCall[]; events: DomainEvent["name"][] };

/** The deliveries as a test reads them: event, status, `X-Chatwoot-Delivery`, the body as sent and parsed. */
function describeJob(job: DeliveryJob) {
  return {
    id: job.id,
    deliveryId: job.deliveryId,
    event: job.event,
    state: job.state,
    conversationId: job.conversationId,
    messageId: job.messageId,
    attempts: job.attempts.length,
    body: job.body,
    payload: JSON.parse(job.body) as Record<string, unknown>,
  };
}

/** The in-process control surface for tests (and, through HTTP, for a person). */
export function createControl(engine: Engine, deps: ControlDeps) {
  const { store } = engine;
  const customers = createCustomers(engine);
  const agentId = store.users.find((u) => u.role === "agent")?.id ?? 1;
  const agents = createAgents(engine, agentId);
  const bot = store.bots[0];
  if (!bot) throw new Error("the world has no agent bot");
  const admin = store.users.find((u) => u.role === "administrator");

  function conversation(target: Target = {}): Conversation {
    if (target.conversationId !== undefined) return store.conversationByDisplayId(target.conversationId);
    const current = customers.currentConversation(target);
    if (!current) throw new Error("the customer has no conversation yet");
    return current;
  }

  return {
    profile: engine.profile.name,
    accountId: store.account.id,
    inboxId: store.inbox.id,
    botId: bot.id,
    otherBotId: store.bots[1]?.id ?? bot.id,
    botToken: bot.accessToken,
    botSecret: bot.secret,
    adminToken: admin?.accessToken ?? "",
    agentToken: store.user(agentId)?.accessToken ?? "",
    agentId,
    store,
    /** The bot's outgoing_url and, when given, its secret (null: deliveries unsigned). */
    setBotWebhook(url: string, secret?: string | null): void {
      bot.outgoingUrl = url;
      if (secret !== undefined) bot.secret = secret;
    },
    /** The bot's webhook secret (null: deliveries unsigned); only versions from 4.13 sign. */
    setBotSecret(secret: string | null): void {
      bot.secret = secret;
    },
    customerSays: (text: string, ref: CustomerRef = {}) => {
      const m = customers.says(text, ref);
      return { messageId: m.id, conversationId: store.conversationById(m.conversationId).displayId };
    },
    widgetSubmits: (messageId: number, values: Record<string, unknown>[]) => void customers.submits(messageId, values),
    widgetChooses: (messageId: number, title: string) => void customers.chooses(messageId, title),
    openWidget: (ref: CustomerRef = {}) => {
      customers.opensWidget(ref);
    },
    agentReplies: (text: string, target: Target & AgentRef = {}) => agents.replies(conversation(target), text, target).id,
    agentNote: (text: string, target: Target & AgentRef = {}) => agents.notes(conversation(target), text, target).id,
    agentResolves: (target: Target & AgentRef = {}) => agents.setsStatus(conversation(target), "resolved", target),
    agentSetsPending: (target: Target & AgentRef = {}) => agents.setsStatus(conversation(target), "pending", target),
    agentOpens: (target: Target & AgentRef = {}) => agents.setsStatus(conversation(target), "open", target),
    agentSnoozes: (target: Target & AgentRef = {}) => agents.setsStatus(conversation(target), "snoozed", target),
    agentAssignsTeam: (teamId: number | null, target: Target & AgentRef = {}) => agents.assignsTeam(conversation(target), teamId, target),
    agentAssigns: (assigneeId: number | null, target: Target & AgentRef = {}) => agents.assignsAgent(conversation(target), assigneeId, target),
    assignToBot: (botId: number, target: Target & AgentRef = {}) => agents.assignsBot(conversation(target), botId, target),
    setAgentPresence: (id: number, availability: Availability) => {
      agents.setPresence(id, availability);
    },
    /** The next matching inbox API calls fail this way, one mode per call ("POST /toggle_status", 500, "hang"…). */
    failNextApiCalls: (pattern: FaultPattern, ...modes: FaultMode[]) => {
      deps.faults.failNext(pattern, modes);
    },
    /** Runs `action` just before the next matching inbox API call is handled, e.g. a customer writing as the bot hands over. */
    beforeNextApiCall: (pattern: FaultPattern, action: () => void) => {
      deps.faults.beforeNext(pattern, action);
    },
    deliveries: {
      list: () => deps.queue.jobs.map(describeJob),
      hold: (filter?: (job: DeliveryJob) => boolean) => {
        deps.queue.hold(filter);
      },
      held: () => deps.queue.held().map(describeJob),
      release: (ids: number[]) => deps.queue.release(ids),
      resume: () => {
        deps.queue.resume();
      },
    },
    /** Resolves when no delivery is queued, waiting for a retry or in flight. */
    idle: () => deps.queue.idle(),
    agentBotErrors: deps.agentBotErrors,
    apiCalls: deps.apiCalls,
    /** Every event Chatwoot dispatched, sent to the bot or not. */
    events: deps.events,
    /** Everything the customer saw and wrote, across their conversations. */
    transcript: (ref: CustomerRef = {}) => customerView(store, customers.conversationsOf(ref)),
    conversation: (target: Target = {}) => conversationState(store, conversation(target), engine.time.clockMillis()),
    /** The typing events the contacts' widgets received (on/off, private or not, by whom), in order. */
    typing: (target: Target = {}) => store.typing.filter((b) => b.conversationId === conversation(target).displayId),
  };
}

export type Control = ReturnType<typeof createControl>;
