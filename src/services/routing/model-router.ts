import { botLabel } from "../../domain/labels.js";
import { defaultVoteOptions } from "../../semantic/nearest-vote.js";
import type { LabelProbability } from "../../semantic/classifier/train.js";
import { type RoutedTurn, withoutLlm } from "./routed-turn.js";
import type { TrainedRouter } from "./trained-router.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";
import { unsure } from "./unsure.js";

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What the trained router reads a text as: the labels' calibrated probabilities, best first. */
export type Reading = { ranked: LabelProbability[]; text: string };

/** "bot" keeps the turn only when it is more likely than not that no person is needed. */
export const keepWithBotAbove = 0.5;

export function readTurn(router: TrainedRouter, text: string, active: readonly DivisionInfo[]): Reading {
  return { ranked: router.classify(text, new Set(active.map((d) => d.id))), text };
}

const probabilityOf = (reading: Reading, label: string) => reading.ranked.find((r) => r.label === label)?.probability ?? 0;
const bestDivision = (reading: Reading) => reading.ranked.find((r) => r.label !== botLabel);

/** The turn alone, or with the customer's previous message when the turn alone is not conclusive ("yang kartu kredit"). */
function readWithContext(ctx: TurnContext, router: TrainedRouter, active: readonly DivisionInfo[]): Reading {
  const alone = readTurn(router, ctx.turn.text, active);
  const previous = ctx.history.filter((h) => h.role === "customer").at(-1);
  if (!previous || (alone.ranked[0]?.probability ?? 0) >= ctx.settings.confidenceThreshold) return alone;
  const joined = readTurn(router, `${previous.text}\n${ctx.turn.text}`, active);
  return (joined.ranked[0]?.probability ?? 0) > (alone.ranked[0]?.probability ?? 0) ? { ...joined, text: `${previous.text} / ${ctx.turn.text}` } : alone;
}

/** The trained router's verdict: a routed turn, or "the bot keeps it" with how sure it is. */
export type ModelVerdict = { routed: RoutedTurn } | { keep: { confidence: number; reason: string } };

/**
 * The trained router's stage of the offline fallback. "bot" more likely than not → keep (the
 * later bot-reply steps answer); else the most likely division, handed over when its calibrated
 * probability reaches `confidenceThreshold`, otherwise the clarifying question (once). Text far
 * from every labelled example (the nearest-example memory says so) is off-topic and kept, so the
 * default reply answers a "tes" rather than a question about which team.
 */
export function routeByModel(ctx: TurnContext, active: DivisionInfo[], router: TrainedRouter, opts: { clarify: boolean }): ModelVerdict {
  const reading = readWithContext(ctx, router, active);
  const division = bestDivision(reading);
  const pBot = probabilityOf(reading, botLabel);
  const ranking = reading.ranked.slice(0, 3).map((r) => `${r.label} ${r.probability.toFixed(2)}`).join(", ");
  const keep = (why: string): ModelVerdict => ({ keep: { confidence: round2(pBot), reason: `trained router v${String(router.version)}: ${why} (${ranking})` } });
  const target = division && active.find((d) => d.id === division.label);
  if (!division || !target || pBot >= keepWithBotAbove) return keep("the bot answers");
  const nearest = ctx.memory.examples[0];
  if (nearest && nearest.similarity < defaultVoteOptions.minSimilarity && division.probability < ctx.settings.confidenceThreshold) {
    return keep(`far from every example (nearest ${nearest.similarity.toFixed(2)}), off-topic`);
  }
  const decision = {
    ...withoutLlm,
    source: "fallback" as const,
    route: "handover" as const,
    divisionId: target.id,
    confidence: round2(division.probability),
    alternatives: reading.ranked.filter((r) => r.label !== botLabel && r.label !== target.id).slice(0, 3).map((r) => ({ divisionId: r.label, confidence: round2(r.probability) })),
    reason: `trained router v${String(router.version)}: ${target.name} (${ranking})`,
  };
  if (division.probability >= ctx.settings.confidenceThreshold) return { routed: { decision, replies: [], handoverTo: target } };
  // A flow waiting for an answer repeats its own question: its fallback state answers instead.
  if (!opts.clarify) return keep(`not sure of ${target.name}, a flow is waiting`);
  return { routed: unsure(ctx, active, decision) };
}
