import type { Classifier, IntentType } from "../../domain/flow.js";
import { KeywordMatcher } from "../../text/keyword-matcher.js";
import { foldText } from "../../text/normalize-text.js";
import type { Condition, ConditionContext } from "./conditions.js";

/** What a classifier found: attributes such as {greetings: "hi"} for the transition conditions. */
export type ClassifierHit = { attributes: Record<string, string> };
export type CompiledClassifier = (content: string) => ClassifierHit | null;

export type CompiledIntent = {
  name: string;
  types: ReadonlySet<IntentType>;
  classifiers: CompiledClassifier[];
  condition: Condition | null;
  initial: boolean;
  fallback: boolean;
  priority: number;
  /** Position in the flow's intent list, the tie-breaker after priority. */
  index: number;
};

// Regexes are admin-written; bounding the text they run on bounds the cost of a bad one.
const maxRegexInput = 2000;

/** Keyword lists reuse the routing matcher, so flows and division keywords fold text the same way. */
export function keywordClassifier(spec: Extract<Classifier, { type: "keywords" }>, attribute: string): CompiledClassifier {
  const mainOf = new Map<string, string>();
  for (const entry of spec.keywords) {
    for (const phrase of [entry.keyword, ...entry.synonyms]) if (!mainOf.has(phrase)) mainOf.set(phrase, entry.keyword);
  }
  const matcher = new KeywordMatcher([...mainOf.keys()]);
  return (content) => {
    if (spec.maxWords !== undefined && foldText(content).split(" ").filter(Boolean).length > spec.maxWords) return null;
    // The earliest mention wins: "satu, eh dua" chose "satu".
    const first = matcher.matches(content).sort((a, b) => a.start - b.start)[0];
    if (!first) return null;
    return { attributes: { [spec.name ?? attribute]: mainOf.get(first.keyword) ?? first.keyword } };
  };
}

/** Throws on an invalid pattern; compile-flow reports that with the classifier's path. */
export function regexClassifier(spec: Extract<Classifier, { type: "regex" }>, attribute: string): CompiledClassifier {
  const regex = new RegExp(spec.pattern, spec.flags);
  return (content) => {
    const match = regex.exec(content.trim().slice(0, maxRegexInput));
    if (!match) return null;
    const attributes: Record<string, string> = { [spec.name ?? attribute]: match[0] };
    for (const [key, value] of Object.entries(match.groups ?? {})) if (typeof value === "string") attributes[key] = value;
    return { attributes };
  };
}

export type IntentMatch = { intent: CompiledIntent; attributes: Record<string, string> };

/** Whether one intent catches the input: right type, a classifier hit (if any), then its condition. */
export function matchIntent(
  intent: CompiledIntent,
  input: { type: IntentType; content: string },
  ctx: Omit<ConditionContext, "intent" | "attributes">,
): IntentMatch | null {
  if (!intent.types.has(input.type)) return null;
  let attributes: Record<string, string> = {};
  if (intent.classifiers.length > 0) {
    let hit: ClassifierHit | null = null;
    for (const classify of intent.classifiers) {
      hit = classify(input.content);
      if (hit) break;
    }
    if (!hit) return null;
    attributes = hit.attributes;
  }
  if (intent.condition && !intent.condition({ ...ctx, intent: intent.name, attributes })) return null;
  return { intent, attributes };
}

/** Highest priority first, then the earlier intent. */
export function byPriority(a: CompiledIntent, b: CompiledIntent): number {
  return b.priority - a.priority || a.index - b.index;
}
