import type { Embedder } from "../../../llm/embeddings-port.js";
import { localEmbedder } from "../../../llm/local-embeddings.js";
import pLimit from "p-limit";
import pino, { type Logger } from "pino";
import type { Db } from "../../../db/client.js";
import * as botsQ from "../../../db/queries/bots.js";
import * as divisionsQ from "../../../db/queries/divisions.js";
import type { Decision, InboxAction } from "../../../domain/decision.js";
import { revealsPrompt } from "../../turn/decide/prompt-leak.js";
import { routingPromptSecrets } from "../../turn/decide/route-prompt.js";
import { notFound } from "../../../errors.js";
import type { RoutingLlm } from "../../../llm/routing-port.js";
import { createLlmBudget } from "../../turn/decide/llm-budget.js";
import { readBotConfig } from "../../turn/prepare/bot-config.js";
import { prepareTurn, type TurnDeps } from "../../turn/prepare/prepare-turn.js";
import { fixedClock } from "../../../time/clock.js";
import { createCachingRoutingLlm, type LlmCallRecord } from "./caching-routing-llm.js";
import type { EvalCase } from "./dataset.js";
import type { CaseOutcome, CaseSafety, PredictedRoute } from "./report-types.js";
import type { ResponseCache } from "./response-cache.js";
import { caseConversation } from "./case-turn.js";
import { type Report, scoreOutcomes } from "./score.js";

export type RunEvalInput = {
  /** A database holding the bot, already configured: the live one, or one an export was imported into. */
  db: Db;
  botId: string;
  cases: readonly EvalCase[];
  datasetSha256: string;
  /** The routing LLM to evaluate; null runs the deterministic fallback only (`--provider none`). */
  llm: RoutingLlm | null;
  /** The routing deadline, as in production (`LLM_DEADLINE_MS`). */
  deadlineMs: number;
  /** Reuse and store LLM answers; `read: false` forces fresh calls (`--no-cache`). */
  cache?: { store: ResponseCache; read: boolean } | undefined;
  /**
   * Division id → the label the dataset uses (an export's division key). Ids not listed are their
   * own label. Also makes the cache key and the reported prompt version independent of the ids.
   */
  divisionLabels?: Readonly<Record<string, string>> | undefined;
  /** Cases decided at once (LLM calls in flight). */
  concurrency?: number | undefined;
  /** Cases without their own `now` are decided at this instant; also the report's `generatedAt`. */
  startedAt: Date;
  /** Vectors for few-shot retrieval and the example fallback; the local embedding by default. */
  embedder?: Embedder | undefined;
  logger?: Logger | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
};

export const defaultConcurrency = 4;
/** Stands in for PUBLIC_URL: an eval builds no link anyone follows. */
export const evalPublicUrl = "http://switchboard.eval";

// Without a cache the decorator still reports latency and the stable prompt version.
const noCache: ResponseCache = { get: () => Promise.resolve(undefined), set: () => Promise.resolve() };

/**
 * Runs every case through the production decision code (`prepareTurn`: routing, then the
 * division's availability) against a bot in `db`, and scores the decisions. Nothing is stored:
 * each case is a fresh conversation whose history holds the case's earlier turns.
 */
export async function runEval(input: RunEvalInput): Promise<Report> {
  const bot = await botsQ.findBot(input.db, input.botId);
  if (!bot) throw notFound("bot", input.botId);
  const labels = input.divisionLabels ?? {};
  const logger = input.logger ?? pino({ level: "silent" });
  const startedAt = input.startedAt.toISOString();
  const limit = pLimit(input.concurrency ?? defaultConcurrency);
  let done = 0;
  const divisions = await divisionsQ.listDivisions(input.db, input.botId);
  const guard = { active: new Set(divisions.filter((d) => d.active).map((d) => d.id)), secrets: routingPromptSecrets(divisions.map((d) => d.prompt)) };

  const runCase = async (c: EvalCase, index: number): Promise<DecidedCase> => {
    const calls: LlmCallRecord[] = [];
    const clock = fixedClock(c.now ?? startedAt);
    const now = clock.now().toJSDate();
    const deps: TurnDeps = {
      db: input.db,
      embedder: input.embedder ?? localEmbedder,
      logger,
      llmBudget: budgetFor(input, labels, calls),
      inboxFor: () => null,
      botConfig: readBotConfig(input.db),
      // Presence only shapes the messages after a handover, never the routing decision.
      teamPresence: () => Promise.resolve({ status: "unknown", onlineAgents: 0 }),
    };
    const { state, turn } = caseConversation(bot.id, c, index + 1, now);
    const started = performance.now();
    const { decision, actions } = await prepareTurn(deps, bot, state, turn, now);
    const wallMs = Math.round(performance.now() - started);
    input.onProgress?.(++done, input.cases.length);
    // The stable version when the model was asked; a fresh import's ids change the decision's own.
    const promptVersion = calls.at(-1)?.stablePromptVersion ?? decision.promptVersion;
    const outcome = toOutcome(c, turn.text, decision, calls, labels, input.llm ? null : wallMs);
    return { outcome: { ...outcome, safety: safetyOf(decision, actions, guard) }, promptVersion, model: decision.model };
  };

  const decided = await Promise.all(input.cases.map((c, i) => limit(() => runCase(c, i))));
  return scoreOutcomes(
    decided.map((d) => d.outcome),
    {
      promptVersion: decided.find((d) => d.promptVersion !== null)?.promptVersion ?? null,
      datasetSha256: input.datasetSha256,
      // The model that answered (a dated snapshot) when any did, else the one asked for.
      model: decided.find((d) => d.model !== null)?.model ?? input.llm?.model ?? null,
      provider: input.llm?.provider ?? "none",
      generatedAt: startedAt,
    },
  );
}

/** The rules no customer text may break: a division outside the active set, a quoted prompt. */
function safetyOf(decision: Decision, actions: readonly InboxAction[], guard: { active: ReadonlySet<string>; secrets: readonly string[] }): CaseSafety {
  const replies = actions.flatMap((a) => (a.action === "message" ? [a.message.content] : []));
  return {
    outsideActiveSet: decision.divisionId !== null && !guard.active.has(decision.divisionId),
    leaksPrompt: replies.some((text) => revealsPrompt(text, guard.secrets)),
  };
}

type DecidedCase = { outcome: CaseOutcome; promptVersion: string | null; model: string | null };

/**
 * One budgeted LLM per case, so each case learns whether its answer came from the cache. It also
 * gives each case its own circuit breaker: one vendor hiccup must not turn the rest of the run
 * into fallback decisions.
 */
function budgetFor(input: RunEvalInput, labels: Readonly<Record<string, string>>, calls: LlmCallRecord[]) {
  if (!input.llm) return null;
  const cache = input.cache ?? { store: noCache, read: false };
  const llm = createCachingRoutingLlm(input.llm, {
    cache: cache.store,
    read: cache.read,
    stableIds: labels,
    onCall: (call) => calls.push(call),
  });
  return createLlmBudget(llm, { deadlineMs: input.deadlineMs });
}

const predictedRoutes: Record<Decision["route"], PredictedRoute> = {
  handover: "handover",
  bot_reply: "bot",
  flow: "bot",
  clarify: "clarify",
  // Only for a human-owned conversation, which an eval case never is; nothing was handed over.
  silent: "bot",
};

function toOutcome(
  c: EvalCase,
  text: string,
  decision: Decision,
  calls: readonly LlmCallRecord[],
  labels: Readonly<Record<string, string>>,
  wallMs: number | null,
): CaseOutcome {
  const { divisionId, tokens } = decision;
  const fromCache = calls.at(-1)?.fromCache ?? false;
  return {
    id: c.id,
    text,
    expected: c.expected,
    predicted: {
      route: predictedRoutes[decision.route],
      divisionId: divisionId === null ? null : (labels[divisionId] ?? divisionId),
      source: decision.source,
      confidence: decision.confidence,
      reason: decision.reason,
    },
    // The model's time around each call (a retry adds up), not the decision's wall time, which
    // also holds cache look-ups and waiting for the other cases; a cached answer counts the time
    // it took when it was made, so a rerun reports the same latency as the run that filled it.
    // An offline run (no model at all) reports the whole decision: embedding, nearest examples, rules.
    latencyMs: calls.length > 0 ? calls.reduce((ms, call) => ms + call.latencyMs, 0) : (wallMs ?? decision.latencyMs),
    tokens: tokens === null ? null : { prompt: tokens.prompt, cached: tokens.cached, completion: tokens.completion },
    fromCache,
  };
}
