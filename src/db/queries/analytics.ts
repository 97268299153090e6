import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { decisions } from "../schema/decisions.js";

/** Which decisions a figure counts: one bot, a half-open period, live or test-chat turns. */
export type AnalyticsFilter = {
  botId: string;
  from: Date;
  to: Date;
  /** `exclude` = live turns only; `only` = test-chat (simulate) turns only. */
  simulated: "exclude" | "include" | "only";
};

const isSimulated = sql`coalesce((${decisions.outcome} ->> 'simulated')::boolean, false)`;
const isRouted = sql`${decisions.route} <> 'silent'`;
const isHandover = sql`(${decisions.outcome} -> 'handover') is not null`;
const isMisrouted = sql`(${decisions.outcome} -> 'misrouted') is not null`;
const isLlmCall = sql`${decisions.model} is not null`;
const bigCount = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

function where(f: AnalyticsFilter): SQL | undefined {
  const simulated = f.simulated === "exclude" ? sql`not ${isSimulated}` : f.simulated === "only" ? isSimulated : undefined;
  return and(eq(decisions.botId, f.botId), gte(decisions.createdAt, f.from), lt(decisions.createdAt, f.to), simulated);
}

export type DailyRow = {
  day: string;
  turns: number;
  handovers: number;
  botAnswered: number;
  fallbacks: number;
  clarifications: number;
  llmCalls: number;
  llmP50Ms: number | null;
  llmP95Ms: number | null;
};

const figures = {
  turns: bigCount(isRouted),
  handovers: bigCount(isHandover),
  // Answered by the bot: a reply or a flow step that did not end in a handover.
  botAnswered: bigCount(sql`${decisions.route} in ('bot_reply', 'flow') and not ${isHandover}`),
  fallbacks: bigCount(sql`${decisions.source} = 'fallback'`),
  clarifications: bigCount(sql`${decisions.route} = 'clarify'`),
  llmCalls: bigCount(isLlmCall),
  llmP50Ms: sql<number | null>`percentile_cont(0.5) within group (order by ${decisions.latencyMs}) filter (where ${isLlmCall})`,
  llmP95Ms: sql<number | null>`percentile_cont(0.95) within group (order by ${decisions.latencyMs}) filter (where ${isLlmCall})`,
};

/** The period's figures per calendar day in `timeZone` (days without decisions are absent). */
export async function dailyFigures(db: Db, f: AnalyticsFilter, timeZone: string): Promise<DailyRow[]> {
  const day = sql<string>`to_char(${decisions.createdAt} at time zone ${timeZone}, 'YYYY-MM-DD')`;
  // Grouped by position: a parameter repeated in GROUP BY is a new `$n`, not the same expression.
  return db
    .select({ day, ...figures })
    .from(decisions)
    .where(where(f))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
}

export type PeriodTotals = Omit<DailyRow, "day"> & {
  misroutes: number;
  conversations: number;
  conversationsHandedOver: number;
};

export async function periodTotals(db: Db, f: AnalyticsFilter): Promise<PeriodTotals> {
  const [row] = await db
    .select({
      ...figures,
      misroutes: bigCount(isMisrouted),
      conversations: sql<number>`(count(distinct ${decisions.conversationId}) filter (where ${isRouted}))::int`,
      conversationsHandedOver: sql<number>`(count(distinct ${decisions.conversationId}) filter (where ${isHandover}))::int`,
    })
    .from(decisions)
    .where(where(f));
  return (
    row ?? {
      turns: 0,
      handovers: 0,
      botAnswered: 0,
      fallbacks: 0,
      clarifications: 0,
      llmCalls: 0,
      llmP50Ms: null,
      llmP95Ms: null,
      misroutes: 0,
      conversations: 0,
      conversationsHandedOver: 0,
    }
  );
}

export type HandoverGroupRow = { key: string | null; handovers: number; misroutes: number };

/** Handovers grouped by division (`divisionId`) or by availability (`available`/`offline`/`closed`). */
export async function handoversBy(db: Db, f: AnalyticsFilter, field: "divisionId" | "availability"): Promise<HandoverGroupRow[]> {
  const key = sql<string | null>`${decisions.outcome} -> 'handover' ->> ${field}`;
  return db
    .select({ key, handovers: sql<number>`count(*)::int`, misroutes: bigCount(isMisrouted) })
    .from(decisions)
    .where(and(where(f), isHandover))
    .groupBy(sql`1`)
    .orderBy(sql`count(*) desc`);
}

/**
 * Fallback decisions by cause: the `(fallback: <why>)` note the keyword router appends to the
 * reason (src/services/turn/decide/fallback-router.ts), cut at the first detail (`timeout: …` → `timeout`).
 */
export async function fallbackCauses(db: Db, f: AnalyticsFilter): Promise<{ cause: string | null; turns: number }[]> {
  const cause = sql<string | null>`trim(substring(${decisions.reason} from '\\(fallback: ([^:;()]+)'))`;
  return db
    .select({ cause, turns: sql<number>`count(*)::int` })
    .from(decisions)
    .where(and(where(f), eq(decisions.source, "fallback")))
    .groupBy(sql`1`)
    .orderBy(sql`count(*) desc`);
}

export type ModelUsageRow = { model: string; calls: number; prompt: number; completion: number; cached: number };

/** LLM calls and tokens per model, for the cost estimate. */
export async function modelUsage(db: Db, f: AnalyticsFilter): Promise<ModelUsageRow[]> {
  const token = (name: string) => sql<number>`coalesce(sum((${decisions.tokens} ->> ${name})::bigint), 0)::float8`;
  const model = sql<string>`${decisions.model}`;
  return db
    .select({ model, calls: sql<number>`count(*)::int`, prompt: token("prompt"), completion: token("completion"), cached: token("cached") })
    .from(decisions)
    .where(and(where(f), isLlmCall))
    .groupBy(decisions.model)
    .orderBy(decisions.model);
}

/** Test-chat turns in the period: the console offers to include them when live turns are none. */
export async function countSimulatedTurns(db: Db, f: Omit<AnalyticsFilter, "simulated">): Promise<number> {
  const [row] = await db
    .select({ n: bigCount(sql`${isRouted} and ${isSimulated}`) })
    .from(decisions)
    .where(where({ ...f, simulated: "include" }));
  return row?.n ?? 0;
}
