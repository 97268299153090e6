import type { Decision } from "../../domain/decision.js";
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

/**
 * What a reading asks for at `threshold` (a calibrated probability): the most likely label when it
 * is at least that likely, the bot's or a division's; below it, an `unsure` turn (the clarifying
 * question). The threshold evals (src/evals/threshold-sweep.ts) score exactly this rule.
 */
export function chooseLabel(ranked: readonly LabelProbability[], threshold: number): { best: LabelProbability; sure: boolean } | null {
  const best = ranked[0];
  return best ? { best, sure: best.probability >= threshold } : null;
}

export function readTurn(router: TrainedRouter, text: string, active: readonly DivisionInfo[]): Reading {
  return { ranked: router.classify(text, new Set(active.map((d) => d.id))), text };
}

const probabilityOf = (reading: Reading, label: string) => reading.ranked.find((r) => r.label === label)?.probability ?? 0;
const ranking = (reading: Reading) => reading.ranked.slice(0, 3).map((r) => `${r.label}${r.intent ? `/${r.intent}` : ""} ${r.probability.toFixed(2)}`).join(", ");

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
 * The trained router's stage of the offline fallback (docs/decisions/0012): the most likely label
 * decides when its calibrated probability reaches `confidenceThreshold`, "bot" keeping the turn
 * (the later bot-reply steps answer) and a division taking the handover. Below it, the clarifying
 * question (once; then the default division, or the bot again when the bot was the best guess).
 * Text far from every labelled example (the nearest-example memory says so) is off-topic and
 * kept, so the default reply answers a "tes" rather than a question about which team.
 */
export function routeByModel(ctx: TurnContext, active: DivisionInfo[], router: TrainedRouter, opts: { clarify: boolean }): ModelVerdict {
  const reading = readWithContext(ctx, router, active);
  const choice = chooseLabel(reading.ranked, ctx.settings.confidenceThreshold);
  const version = `trained router v${String(router.version)}`;
  // The bot keeps the turn with the probability that no person is needed as its confidence.
  const keep = (why: string): ModelVerdict => ({ keep: { confidence: round2(probabilityOf(reading, botLabel)), reason: `${version}: ${why} (${ranking(reading)})` } });
  const target = active.find((d) => d.id === choice?.best.label) ?? null;
  if (!choice || (choice.sure && !target)) return keep("the bot answers");
  const decision = guess(reading, target, version);
  if (choice.sure) return { routed: { decision, replies: [], handoverTo: target } };
  const nearest = ctx.memory.examples[0];
  if (nearest && nearest.similarity < defaultVoteOptions.minSimilarity) return keep(`far from every example (nearest ${nearest.similarity.toFixed(2)}), off-topic`);
  // A flow waiting for an answer repeats its own question: its fallback state answers instead.
  if (!opts.clarify) return keep(`not sure of ${target?.name ?? "the bot"}, a flow is waiting`);
  // Asked once already and the bot is still the best guess: the bot answers (its reply offers a person).
  if (!target && ctx.clarifyPending) return keep("not sure after a clarifying question, the bot answers");
  return { routed: unsure(ctx, active, decision) };
}

/**
 * The reading's best guess as a handover decision, with the guessed label's probability as its
 * confidence; a null division is the bot's guess (it only ever becomes the clarifying question).
 */
function guess(reading: Reading, target: DivisionInfo | null, version: string): Decision {
  return {
    ...withoutLlm,
    source: "fallback",
    route: "handover",
    divisionId: target?.id ?? null,
    confidence: round2(probabilityOf(reading, target?.id ?? botLabel)),
    alternatives: reading.ranked.filter((r) => r.label !== botLabel && r.label !== target?.id).slice(0, 3).map((r) => ({ divisionId: r.label, confidence: round2(r.probability) })),
    reason: `${version}: ${target?.name ?? "the bot"} (${ranking(reading)})`,
  };
}
