import { trimToChannel } from "../../../domain/channel-limits.js";
import { defaultVoteOptions } from "../../../ml/nearest-vote.js";
import type { Decision } from "../../../domain/decision.js";
import { type KeywordHit, KeywordMatcher, messageForms } from "../../../text/keyword-matcher.js";
import { routeByModel } from "./model-router.js";
import { type RoutedTurn, withoutLlm } from "./routed-turn.js";
import type { DivisionInfo, TurnContext } from "./turn-context.js";

export const baseDecision = (source: Decision["source"]): Omit<Decision, "route" | "divisionId" | "confidence" | "reason"> => ({
  alternatives: [],
  source,
  ...withoutLlm,
});

export type KeywordScore = { division: DivisionInfo; hits: KeywordHit[] };

/** Divisions whose keywords the text contains, most hits first; `keep` can leave keywords out. */
export function scoreDivisionKeywords(text: string, active: readonly DivisionInfo[], keep: (keyword: string) => boolean = () => true): KeywordScore[] {
  const forms = messageForms(text);
  return active
    .map((d) => ({ division: d, hits: new KeywordMatcher(d.keywords.filter(keep)).matchForms(forms) }))
    .filter((s) => s.hits.length > 0)
    .sort((a, b) => b.hits.length - a.hits.length);
}

/** Division keyword intents: the division with the most keyword hits wins. */
export function routeDivisionKeywords(ctx: TurnContext, active: DivisionInfo[]): RoutedTurn | null {
  const scored = scoreDivisionKeywords(ctx.turn.text, active);
  const best = scored[0];
  if (!best) return null;
  const total = scored.reduce((n, s) => n + s.hits.length, 0);
  return {
    decision: {
      ...baseDecision("fallback"),
      route: "handover",
      divisionId: best.division.id,
      confidence: Math.round((best.hits.length / total) * 100) / 100,
      alternatives: scored.slice(1).map((s) => ({ divisionId: s.division.id, confidence: Math.round((s.hits.length / total) * 100) / 100 })),
      reason: `keyword match: ${best.hits.map((h) => `"${h.keyword}"`).join(", ")}`,
    },
    replies: [],
    handoverTo: best.division,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The second stage: a similarity-weighted vote of the nearest labelled examples. A division wins →
 * handover; too close to call → the clarifying question (once); "bot" → the later bot-reply steps.
 */
export function routeBySimilarity(ctx: TurnContext, active: DivisionInfo[], opts: { clarify: boolean }): RoutedTurn | null {
  const result = ctx.memory.vote;
  if (!result?.label) return null;
  const nearest = ctx.memory.examples[0];
  const labelName = (label: string) => active.find((d) => d.id === label)?.name ?? label;
  const evidence = nearest ? ` (nearest: "${nearest.text.slice(0, 80)}" → ${labelName(nearest.label)}, ${nearest.similarity.toFixed(2)})` : "";
  if (result.abstain) {
    // Far from every example is off-topic (a greeting, "tes"): the bot's default reply fits better
    // than "please explain more". A split vote among close examples is what a question resolves.
    const offTopic = (nearest?.similarity ?? 0) < defaultVoteOptions.minSimilarity;
    if (offTopic || ctx.clarifyPending || !opts.clarify) return null;
    return {
      // The division weighed, as on every clarifying question; null when the bot was the best guess.
      decision: {
        ...baseDecision("fallback"),
        route: "clarify",
        divisionId: active.find((d) => d.id === result.label)?.id ?? null,
        confidence: round2(result.confidence),
        reason: `similar examples are not conclusive, best "${result.label}"${evidence}`,
      },
      replies: [{ content: ctx.settings.clarifyingQuestion }],
      handoverTo: null,
    };
  }
  const division = active.find((d) => d.id === result.label);
  if (!division) return null;
  return {
    decision: {
      ...baseDecision("fallback"),
      route: "handover",
      divisionId: division.id,
      confidence: round2(result.confidence),
      alternatives: result.runnerUp
        .filter((r) => active.some((d) => d.id === r.label))
        .slice(0, 3)
        .map((r) => ({ divisionId: r.label, confidence: round2(r.score) })),
      reason: `similar examples vote ${division.name}${evidence}`,
    },
    replies: [],
    handoverTo: division,
  };
}

// A passage must be this close to the question to be sent as the answer without an LLM (unrelated
// text scores near 0 with the local embedding; a passage that answers the question, about 0.4).
export const knowledgeAnswerFloor = 0.35;

/** Without an LLM, a knowledge passage that clearly matches the question is the best reply there is. */
export function routeByKnowledge(ctx: TurnContext): RoutedTurn | null {
  const best = ctx.memory.knowledge[0];
  if (!best || best.similarity < knowledgeAnswerFloor) return null;
  return {
    decision: {
      ...baseDecision("fallback"),
      route: "bot_reply",
      divisionId: null,
      confidence: round2(best.similarity),
      reason: `knowledge passage (similarity ${best.similarity.toFixed(2)})`,
    },
    // Markdown headings read as noise in a chat bubble; the passage's sentences carry the answer.
    replies: [{ content: trimToChannel(best.text.replace(/^#{1,6}\s.*$/gm, "").trim() || best.text, ctx.channel) }],
    handoverTo: null,
  };
}

/** No division applies: the configured default reply. */
export function routeDefaultReply(ctx: TurnContext, reason: string): RoutedTurn {
  return {
    decision: { ...baseDecision("fallback"), route: "bot_reply", divisionId: null, confidence: 0, reason },
    replies: [{ content: ctx.settings.fallbackReply }],
    handoverTo: null,
  };
}

/**
 * The deterministic router: used when no LLM is configured or smart handover is off, and whenever
 * the LLM fails (a chosen division and "talk to a human" were decided before it, in decideTurn).
 * With a trained router (docs/decisions/0012) it decides, keywords being part of what it learnt;
 * without one (no examples yet), keyword intents and then the nearest-example vote. Nothing
 * matched → a knowledge passage, `noMatch` (a flow's fallback state) or the default reply.
 */
export function routeWithFallback(ctx: TurnContext, why?: string, noMatch?: () => RoutedTurn): RoutedTurn {
  const active = ctx.divisions.filter((d) => d.active);
  // A flow waiting for an answer repeats its question itself; no extra clarifying question then.
  const clarify = noMatch === undefined;
  const note = why ? ` (fallback: ${why})` : "";
  const verdict = ctx.router ? routeByModel(ctx, active, ctx.router, { clarify }) : null;
  if (verdict && "routed" in verdict) return asFallback(verdict.routed, note);
  const routed =
    (verdict ? null : (routeDivisionKeywords(ctx, active) ?? routeBySimilarity(ctx, active, { clarify }))) ?? routeByKnowledge(ctx) ?? noMatch?.() ?? null;
  const kept = routed ? asFallback(routed, note) : routeDefaultReply(ctx, `no keyword matched${note}`);
  if (!verdict) return kept;
  // The bot keeps the turn on the trained router's word: its probability is the decision's confidence.
  return { ...kept, decision: { ...kept.decision, confidence: verdict.keep.confidence, reason: `${verdict.keep.reason}; ${kept.decision.reason}` } };
}

const asFallback = (routed: RoutedTurn, note: string): RoutedTurn => ({
  ...routed,
  decision: { ...routed.decision, source: "fallback", reason: routed.decision.reason + note },
});
