import { DateTime } from "luxon";
import * as analyticsQ from "../../db/queries/analytics.js";
import * as settingsQ from "../../db/queries/bot-settings.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import { invalid, notFound } from "../../errors.js";
import { estimateCostUsd, priceTableDate } from "../../domain/llm-prices.js";
import type { ServiceDeps } from "../context.js";

export type AnalyticsQuery = {
  /** First day, YYYY-MM-DD in the bot's time zone; defaults to six days before `to`. */
  from?: string | undefined;
  /** Last day (inclusive); defaults to today. */
  to?: string | undefined;
  simulated?: analyticsQ.AnalyticsFilter["simulated"] | undefined;
};

export const maxPeriodDays = 366;

type Rate = number | null;
const rate = (part: number, whole: number): Rate => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const ms = (value: number | null) => (value === null ? null : Math.round(value));

/** The period as instants: whole days in the bot's office-hours time zone. */
function period(query: AnalyticsQuery, timeZone: string, now: DateTime) {
  const day = (text: string, path: string) => {
    const parsed = DateTime.fromISO(text, { zone: timeZone });
    if (!parsed.isValid) throw invalid(path, "must be a date, YYYY-MM-DD");
    return parsed.startOf("day");
  };
  const last = query.to === undefined ? now.setZone(timeZone).startOf("day") : day(query.to, "to");
  const first = query.from === undefined ? last.minus({ days: 6 }) : day(query.from, "from");
  if (first > last) throw invalid("from", "must be on or before `to`");
  const days = Math.round(last.diff(first, "days").days) + 1;
  if (days > maxPeriodDays) throw invalid("from", `the period may span at most ${String(maxPeriodDays)} days`);
  return { first, last, days, end: last.plus({ days: 1 }) };
}

function dailySeries(rows: analyticsQ.DailyRow[], first: DateTime, days: number) {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const date = first.plus({ days: i }).toISODate() ?? "";
    const row = byDay.get(date);
    return {
      date,
      turns: row?.turns ?? 0,
      handovers: row?.handovers ?? 0,
      botAnswered: row?.botAnswered ?? 0,
      fallbacks: row?.fallbacks ?? 0,
      clarifications: row?.clarifications ?? 0,
      llmCalls: row?.llmCalls ?? 0,
      llmP50Ms: ms(row?.llmP50Ms ?? null),
      llmP95Ms: ms(row?.llmP95Ms ?? null),
    };
  });
}

function llmSummary(totals: analyticsQ.PeriodTotals, usage: analyticsQ.ModelUsageRow[]) {
  const byModel = usage.map((u) => {
    const tokens = { prompt: u.prompt, completion: u.completion, cached: u.cached };
    return { model: u.model, calls: u.calls, tokens, estimatedCostUsd: estimateCostUsd(u.model, tokens) };
  });
  const sum = (pick: (t: (typeof byModel)[number]["tokens"]) => number) => byModel.reduce((n, m) => n + pick(m.tokens), 0);
  const costs = byModel.map((m) => m.estimatedCostUsd);
  return {
    calls: totals.llmCalls,
    p50Ms: ms(totals.llmP50Ms),
    p95Ms: ms(totals.llmP95Ms),
    tokens: { prompt: sum((t) => t.prompt), completion: sum((t) => t.completion), cached: sum((t) => t.cached) },
    // One unpriced model makes the total unknown rather than too low.
    estimatedCostUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((n, c) => n + (c ?? 0), 0),
    priceTableDate,
    byModel,
  };
}

/** The figures an admin reads for one bot and period (the console's analytics page). */
export async function getAnalytics(deps: ServiceDeps, botId: string, query: AnalyticsQuery) {
  const settings = await settingsQ.findBotSettings(deps.db, botId);
  if (!settings) throw notFound("bot", botId);
  const timeZone = settings.officeHours.timezone;
  const p = period(query, timeZone, deps.clock.now());
  const simulated = query.simulated ?? "exclude";
  const filter = { botId, from: p.first.toJSDate(), to: p.end.toJSDate(), simulated };
  const [daily, totals, byDivision, byAvailability, causes, usage, simulatedTurns, divisions] = await Promise.all([
    analyticsQ.dailyFigures(deps.db, filter, timeZone),
    analyticsQ.periodTotals(deps.db, filter),
    analyticsQ.handoversBy(deps.db, filter, "divisionId"),
    analyticsQ.handoversBy(deps.db, filter, "availability"),
    analyticsQ.fallbackCauses(deps.db, filter),
    analyticsQ.modelUsage(deps.db, filter),
    analyticsQ.countSimulatedTurns(deps.db, filter),
    divisionsQ.listDivisions(deps.db, botId),
  ]);
  const names = new Map(divisions.map((d) => [d.id, d.name]));
  const availability = (kind: string) => byAvailability.find((r) => r.key === kind)?.handovers ?? 0;
  return {
    botId,
    from: p.first.toISODate() ?? "",
    to: p.last.toISODate() ?? "",
    timeZone,
    simulated,
    simulatedTurns,
    totals: {
      turns: totals.turns,
      conversations: totals.conversations,
      handovers: totals.handovers,
      botAnswered: totals.botAnswered,
      fallbacks: totals.fallbacks,
      clarifications: totals.clarifications,
      misroutes: totals.misroutes,
    },
    rates: {
      handover: rate(totals.handovers, totals.turns),
      deflection: rate(totals.conversations - totals.conversationsHandedOver, totals.conversations),
      botAnswered: rate(totals.botAnswered, totals.turns),
      fallback: rate(totals.fallbacks, totals.turns),
      clarify: rate(totals.clarifications, totals.turns),
      misroute: rate(totals.misroutes, totals.handovers),
    },
    daily: dailySeries(daily, p.first, p.days),
    handoverByDivision: byDivision.map((r) => ({
      divisionId: r.key,
      name: r.key === null ? null : (names.get(r.key) ?? null),
      handovers: r.handovers,
      misroutes: r.misroutes,
    })),
    handoverByAvailability: { inHours: availability("available"), offline: availability("offline"), outsideHours: availability("closed") },
    fallbackCauses: causes.map((c) => ({ cause: c.cause ?? "other", turns: c.turns })),
    llm: llmSummary(totals, usage),
  };
}

export type Analytics = Awaited<ReturnType<typeof getAnalytics>>;
