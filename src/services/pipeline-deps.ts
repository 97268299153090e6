import type { Logger } from "pino";
import type { BotRow } from "../db/queries/bots.js";
import type { RoutingLlm } from "../llm/routing-port.js";
import type { InboxClient } from "../inbox/inbox-client.js";
import type { ServiceDeps } from "./context.js";
import type { DeliveryWriter } from "./turn/intake/delivery-writer.js";
import type { InboxFacts } from "./inbox/inbox-facts.js";
import type { TeamPresence } from "./inbox/presence.js";
import type { RoutingDeps } from "./turn/decide/decide-turn.js";
import type { Metrics } from "../metrics/metrics.js";
import type { BotConfigSource } from "./turn/prepare/bot-config.js";

/**
 * Everything the pipeline's parts are built from, assembled once by `createPipeline`. Each entry
 * point declares the part it uses (`IntakeDeps`, `InboundDeps`, `OutboundDeps`, `SimulateDeps`,
 * `ImpactPreviewDeps`, `TurnDeps`) and is handed this whole object only by the wiring.
 */
export type PipelineDeps = ServiceDeps &
  RoutingDeps & {
    logger: Logger;
    /** The inbox API client for a bot, or null when the bot has no inbox credentials. */
    inboxFor(bot: BotRow): InboxClient | null;
    /** Tells local queue workers that a conversation has a new job waiting (other processes poll). */
    wakeQueue(orderingKey: string): void;
    /** The bot a webhook delivery names, from a short-TTL cache. */
    findBotForWebhook(botId: string): Promise<BotRow | undefined>;
    /** The configuration a turn reads of its bot (cached per config version in the pipeline). */
    botConfig: BotConfigSource;
    /** What the pipeline tells an operator (`GET /metrics`). */
    metrics: Metrics;
    /** A turn that has waited longer than this since its delivery is decided without the LLM. */
    turnWaitBudgetMs: number;
    /** Is anyone of a team online (cached)? */
    teamPresence: TeamPresence;
    /** What an inbox lets the bot do, by its version (cached). */
    inboxFacts: InboxFacts;
    /** Durably stores a delivery and its job (group commit); the event id, or undefined for a duplicate. */
    writeDelivery: DeliveryWriter;
    /**
     * The bare routing LLM (the one behind `llmBudget`) and the production deadline, for evals
     * that wrap it in classifiers of their own so they never trip the live circuit breaker (the
     * impact preview). Absent or null: no LLM.
     */
    routingLlm?: { llm: RoutingLlm; deadlineMs: number } | null;
  };
