import { botLabel } from "../../../domain/labels.js";
import { foldText } from "../../../text/normalize-text.js";
import { humanIntentKeywords, KeywordMatcher } from "../../../text/keyword-matcher.js";
import { baseDecision, scoreDivisionKeywords } from "./fallback-router.js";
import { readTurn } from "./model-router.js";
import type { RoutedTurn } from "./routed-turn.js";
import { defaultDivision, whichDivisionQuestion } from "./routing-replies.js";
import { type DivisionInfo, divisionChoicePrefix, type TurnContext } from "./turn-context.js";

const humanIntent = new KeywordMatcher(humanIntentKeywords);

// How far back a named topic still counts: the customer's last few messages before this one.
const recentCustomerTurns = 3;

/** The customer picked a division from the "which team?" question. */
export function routeDivisionChoice(ctx: TurnContext, active: DivisionInfo[]): RoutedTurn | null {
  const payload = ctx.turn.payload;
  if (!payload?.startsWith(divisionChoicePrefix)) return null;
  const division = active.find((d) => d.id === payload.slice(divisionChoicePrefix.length));
  if (!division) return null;
  return {
    decision: { ...baseDecision("policy"), route: "handover", divisionId: division.id, confidence: 1, reason: "the customer chose this division" },
    replies: [],
    handoverTo: division,
  };
}

/** Does the text ask for a person ("bicara dengan cs", "real person")? */
export const asksForHuman = (text: string): string | undefined => humanIntent.matches(text)[0]?.keyword;

// "cs" or "agen" among a division's keywords says "a person", not which topic.
const topicKeyword = (keyword: string) => humanIntent.matches(keyword).length === 0;

// The words of "I want to talk to someone" in both languages: what is left after them is the topic.
const requestWords = new Set([
  ...humanIntentKeywords.flatMap((k) => foldText(k).split(" ")),
  ..."saya aku sy gw gue mau ingin pengen pgn minta tolong tlg bisa bicara ngomong ngobrol chat telpon telepon".split(" "),
  ..."hubungi hubungkan sambungkan sambungin dengan dgn sama sm ke yang yg aja saja dong ya kak min admin".split(" "),
  ..."i want would like to talk speak chat with a an the me please pls can connect transfer get someone somebody".split(" "),
]);

/** The words of the text that are not a request for a person: the topic, if any. */
const topicWords = (text: string) =>
  foldText(text)
    .split(" ")
    .filter((w) => w !== "" && !requestWords.has(w) && humanIntent.matches(w).length === 0)
    .join(" ");

/** The division one text points to: a clear keyword winner, else the trained router when sure. */
function topicOf(ctx: TurnContext, text: string, active: DivisionInfo[]): { division: DivisionInfo; how: string } | null {
  const [first, second] = scoreDivisionKeywords(text, active, topicKeyword);
  if (first && (!second || second.hits.length < first.hits.length)) return { division: first.division, how: `keyword "${first.hits[0]?.keyword ?? ""}"` };
  const topic = topicWords(text);
  if (!ctx.router || topic === "") return null;
  const [top] = readTurn(ctx.router, topic, active).ranked;
  const division = top && top.label !== botLabel && top.probability >= ctx.settings.confidenceThreshold ? active.find((d) => d.id === top.label) : undefined;
  return division && top ? { division, how: `trained router ${top.probability.toFixed(2)}` } : null;
}

/** This message's topic, else that of the customer's recent messages, newest first. */
function namedTopic(ctx: TurnContext, active: DivisionInfo[]): { division: DivisionInfo; how: string } | null {
  const recent = ctx.history
    .filter((h) => h.role === "customer")
    .slice(-recentCustomerTurns)
    .reverse();
  for (const [i, text] of [ctx.turn.text, ...recent.map((h) => h.text)].entries()) {
    const topic = topicOf(ctx, text, active);
    if (topic) return i === 0 ? topic : { ...topic, how: `${topic.how} in an earlier message` };
  }
  return null;
}

/**
 * "Talk to a human" always works: to the division the message (or a recent one) names, else the
 * default division, the only one, or a question which.
 */
export function routeHumanIntent(ctx: TurnContext, active: DivisionInfo[]): RoutedTurn | null {
  const keyword = asksForHuman(ctx.turn.text);
  if (keyword === undefined) return null;
  const reason = `the customer asked for a human ("${keyword}")`;
  const topic = namedTopic(ctx, active);
  const target = topic?.division ?? defaultDivision(ctx, active);
  if (target) {
    const why = topic ? `${reason}; the conversation names ${target.name} (${topic.how})` : reason;
    return { decision: { ...baseDecision("policy"), route: "handover", divisionId: target.id, confidence: 1, reason: why }, replies: [], handoverTo: target };
  }
  if (active.length === 0) return null;
  return {
    decision: {
      ...baseDecision("policy"),
      route: "clarify",
      divisionId: null,
      confidence: 1,
      reason: `${reason}; nothing names a division and there is no default, so asking which`,
    },
    replies: [whichDivisionQuestion(active)],
    handoverTo: null,
  };
}
