import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import { createApiApp } from "./api/server.js";
import { createFaults } from "./api/faults.js";
import type { ApiCall } from "./api/router.js";
import { createRoundRobin } from "./auto-assignment.js";
import { createControl } from "./control/control.js";
import { registerHttpControl } from "./control/http-control.js";
import { type EmulatorClock, createDbTime } from "./db-time.js";
import { type AgentBotError, handleDeliveryFailure } from "./delivery/failure-policy.js";
import { type DeliveryOptions, createDeliveryQueue } from "./delivery/queue.js";
import type { Behaviour, Engine } from "./engine.js";
import type { DomainEvent } from "./events.js";
import { createAgentBotListener } from "./listener.js";
import { createMessage } from "./message-create.js";
import { runTemplateHooks } from "./message-templates.js";
import { type ProfileName, profiles } from "./profiles.js";
import { type WorldOptions, seedWorld } from "./seed.js";
import { createStore } from "./store.js";
import { recordWidgetTyping } from "./typing.js";

export type EmulatorOptions = {
  /** The clock signatures and timestamps come from; share Switchboard's in tests. */
  clock?: EmulatorClock;
  profile?: ProfileName;
  world?: WorldOptions;
  behaviour?: Partial<Behaviour>;
  delivery?: DeliveryOptions;
  /** The agent bot's outgoing_url (can be set later). */
  webhookUrl?: string;
  host?: string;
  port?: number;
  /** How long a `hang` fault holds a call at most. */
  hangMs?: number;
};

const systemClock: EmulatorClock = { now: () => DateTime.utc() };

function createEngine(options: EmulatorOptions, onEvent: (event: DomainEvent) => void): Engine {
  const profile = profiles[options.profile ?? "current"];
  const world = seedWorld(options.world);
  // Agent bots have had a webhook secret only since 4.13.0 (WebhookSecretable, #13892).
  if (!profile.signing) for (const bot of world.bots) bot.secret = null;
  const store = createStore(world);
  const engine: Engine = {
    store,
    profile,
    time: createDbTime(options.clock ?? systemClock),
    robin: createRoundRobin(store),
    dispatch: onEvent,
    behaviour: { skipStatusEventsAfterAutoAssignment: false, messagesPerMinuteLimit: 200, ...options.behaviour },
    activity: (c, content) => {
      createMessage(engine, c, { content, messageType: "activity", sender: null });
    },
    afterMessage: (c, m) => {
      runTemplateHooks(engine, c, m);
    },
  };
  return engine;
}

/** A Chatwoot inbox on a real HTTP port: REST API, agent-bot webhooks, and a control surface. */
export async function startChatwootEmulator(options: EmulatorOptions = {}) {
  const events: DomainEvent["name"][] = [];
  const agentBotErrors: AgentBotError[] = [];
  const apiCalls: ApiCall[] = [];
  let listener: (event: DomainEvent) => void = () => undefined;
  const engine = createEngine(options, (event) => {
    events.push(event.name);
    recordWidgetTyping(engine.store.typing, event, engine.time.clockMillis());
    listener(event);
  });
  const queue = createDeliveryQueue(
    {
      profile: engine.profile,
      unixSeconds: () => engine.time.unixSeconds(),
      onFailure: (job, reason) => agentBotErrors.push(handleDeliveryFailure(engine, job, reason)),
    },
    options.delivery,
  );
  listener = createAgentBotListener({ store: engine.store, profile: engine.profile }, (outgoing) => queue.enqueue(outgoing));
  const bot = engine.store.bots[0];
  if (!bot) throw new Error("the world has no agent bot");
  if (options.webhookUrl) bot.outgoingUrl = options.webhookUrl;

  const faults = createFaults();
  const api = createApiApp(engine, faults, apiCalls, options.hangMs ?? 30_000);
  const control = createControl(engine, { queue, faults, agentBotErrors, apiCalls, events });
  registerHttpControl(api.app, control);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: api.app.fetch, port: options.port ?? 0, hostname: options.host ?? "127.0.0.1" }, () => {
      resolve(s);
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";

  return {
    ...control,
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${String(port)}`,
    async close(): Promise<void> {
      queue.close();
      api.releaseHangs();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}

export type ChatwootEmulator = Awaited<ReturnType<typeof startChatwootEmulator>>;
