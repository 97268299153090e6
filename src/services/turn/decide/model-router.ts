import type { Decision } from "../../../domain/decision.js";
import { botLabel } from "../../../domain/labels.js";
import { defaultVoteOptions } from "../../../ml/nearest-vote.js";
import type { LabelProbability } from "../../../ml/classifier/train.js";
import { type RoutedTurn, withoutLlm } from "./routed-turn.js";
import type { TrainedRouter } from "./trained-router.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";
import { unsure } from "./unsure.js";

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What the trained router reads a text as: the labels' calibrated probabilities, best first. */
export type Reading = { ranked: LabelProbability[]; text: string };

/** A reading's choice: the label it leans to, the probability weighed against the threshold, and whether it reaches it. */
export type LabelChoice = { best: LabelProbability; weighed: number; sure: boolean };

/**
 * What a reading asks for at `threshold` (a calibrated probability), in the two questions the
 * handover metrics ask. Does the customer need a person? The likelier side wins, a tie staying with
 * the bot, and the bot keeps the turn when P(bot) reaches the threshold. Which team? The likeliest
 * division, when its probability given that a person is needed, P(division) / (1 − P(bot)),
 * reaches it. Otherwise not `sure`: the clarifying question. Chosen over "the likeliest label,
 * when it reaches the threshold" on held-out folds of the bots' own examples (docs/decisions/0012);
 * the threshold evals (evals/cli/threshold-sweep.ts) score exactly this rule.
 */
export function chooseLabel(ranked: readonly LabelProbability[], threshold: number): LabelChoice | null {
  const bot = ranked.find((r) => r.label === botLabel);
  const division = ranked.find((r) => r.label !== botLabel);
  const pBot = bot?.probability ?? 0;
  if (bot && (!division || pBot >= 1 - pBot)) return { best: bot, weighed: pBot, sure: pBot >= threshold };
  if (!division) return null;
  const weighed = Math.min(1, division.probability / Math.max(1 - pBot, Number.EPSILON));
  return { best: division, weighed, sure: weighed >= threshold };
}

export function readTurn(router: TrainedRouter, text: string, active: readonly DivisionInfo[]): Reading {
  return { ranked: router.classify(text, new Set(active.map((d) => d.id))), text };
}

const probabilityOf = (reading: Reading, label: string) => reading.ranked.find((r) => r.label === label)?.probability ?? 0;
const ranking = (reading: Reading) =>
  reading.ranked
    .slice(0, 3)
    .map((r) => `${r.label}${r.intent ? `/${r.intent}` : ""} ${r.probability.toFixed(2)}`)
    .join(", ");

/** The turn alone, or with the customer's previous message when the turn alone is not conclusive ("yang kartu kredit"). */
function readWithContext(ctx: TurnContext, router: TrainedRouter, active: readonly DivisionInfo[]): Reading {
  const threshold = ctx.settings.confidenceThreshold;
  const alone = readTurn(router, ctx.turn.text, active);
  const previous = ctx.history.filter((h) => h.role === "customer").at(-1);
  const weighed = (reading: Reading) => chooseLabel(reading.ranked, threshold)?.weighed ?? 0;
  if (!previous || weighed(alone) >= threshold) return alone;
  const joined = readTurn(router, `${previous.text}\n${ctx.turn.text}`, active);
  return weighed(joined) > weighed(alone) ? { ...joined, text: `${previous.text} / ${ctx.turn.text}` } : alone;
}

/** The trained router's verdict: a routed turn, or "the bot keeps it" with how sure it is. */
export type ModelVerdict = { routed: RoutedTurn } | { keep: { confidence: number; reason: string } };

/**
 * The trained router's stage of the offline fallback (docs/decisions/0012), by chooseLabel: the
 * bot keeps the turn (the later bot-reply steps answer) or a division takes the handover. Not sure:
 * the clarifying question (once; then the default division, or the bot again when the bot was the
 * guess). Text far from every labelled example (the nearest-example memory says so) is off-topic
 * and kept, so the default reply answers a "tes" rather than a question about which team.
 */
export function routeByModel(ctx: TurnContext, active: DivisionInfo[], router: TrainedRouter, opts: { clarify: boolean }): ModelVerdict {
  const reading = readWithContext(ctx, router, active);
  const choice = chooseLabel(reading.ranked, ctx.settings.confidenceThreshold);
  const version = `trained router v${String(router.version)}`;
  // The bot keeps the turn with the probability that no person is needed as its confidence.
  const keep = (why: string): ModelVerdict => ({
    keep: { confidence: round2(probabilityOf(reading, botLabel)), reason: `${version}: ${why} (${ranking(reading)})` },
  });
  const target = active.find((d) => d.id === choice?.best.label) ?? null;
  if (!choice || (choice.sure && !target)) return keep("the bot answers");
  const decision = guess(reading, target, version);
  if (choice.sure) return { routed: { decision, replies: [], handoverTo: target } };
  const nearest = ctx.memory.examples[0];
  if (nearest && nearest.similarity < defaultVoteOptions.minSimilarity)
    return keep(`far from every example (nearest ${nearest.similarity.toFixed(2)}), off-topic`);
  // A flow waiting for an answer repeats its own question: its fallback state answers instead.
  if (!opts.clarify) return keep(`not sure of ${target?.name ?? "the bot"}, a flow is waiting`);
  // Asked once already and the bot is still the best guess: the bot answers (its reply offers a person).
  if (!target && ctx.clarifyPending) return keep("not sure after a clarifying question, the bot answers");
  return { routed: unsure(ctx, active, decision, choice.weighed) };
}

/**
 * The reading's best guess as a handover decision. Its confidence is the probability that it is
 * right, P(division) (what the eval's reliability diagram checks); the reason also gives the
 * probability that a person is needed. A null division is the bot's guess (it only ever becomes
 * the clarifying question).
 */
function guess(reading: Reading, target: DivisionInfo | null, version: string): Decision {
  const pTarget = probabilityOf(reading, target?.id ?? botLabel);
  const person = 1 - probabilityOf(reading, botLabel);
  const what = target
    ? `${target.name}, ${(pTarget / Math.max(person, Number.EPSILON)).toFixed(2)} of the ${person.toFixed(2)} that a person is needed`
    : "the bot";
  return {
    ...withoutLlm,
    source: "fallback",
    route: "handover",
    divisionId: target?.id ?? null,
    confidence: round2(pTarget),
    alternatives: reading.ranked
      .filter((r) => r.label !== botLabel && r.label !== target?.id)
      .slice(0, 3)
      .map((r) => ({ divisionId: r.label, confidence: round2(r.probability) })),
    reason: `${version}: ${what} (${ranking(reading)})`,
  };
}
