import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { HistoryEntry } from "../../../db/schema/conversations.js";

export type RoutePromptInput = {
  divisions: { id: string; name: string; prompt: string }[];
  flows: { id: string; description: string }[];
  confidenceThreshold: number;
  /** Labelled examples similar to this turn (few-shot), label = division id or "bot". */
  examples: { text: string; label: string }[];
  /** Knowledge snippets for a grounded bot reply. */
  knowledge: string[];
  history: HistoryEntry[];
  message: string;
};

export type RenderedRoutePrompt = { system: string; user: string; promptVersion: string };

// Bounds keep the per-turn part small however long a conversation runs.
export const promptLimits = { historyTurns: 8, historyChars: 500, messageChars: 2000, examples: 8, exampleChars: 300, knowledgeChars: 1200 };

let template: { system: string; user: string } | undefined;

function loadTemplate(): { system: string; user: string } {
  if (template) return template;
  const text = readFileSync(new URL("../../../../prompts/route-turn.md", import.meta.url), "utf8");
  const [, afterSystem = ""] = text.split(/^<!-- system[^\n]*-->\n/m);
  const [system = "", user = ""] = afterSystem.split(/^<!-- user[^\n]*-->\n/m);
  if (!system.trim() || !user.trim()) throw new Error("prompts/route-turn.md needs a <!-- system --> and a <!-- user --> part");
  template = { system: system.trimEnd(), user: user.trimEnd() };
  return template;
}

/** What a reply must never quote: the template's instructions and the admins' division prompts. */
export function routingPromptSecrets(divisionPrompts: readonly string[]): string[] {
  return [loadTemplate().system, ...divisionPrompts];
}

/**
 * Customer-written text goes in as a JSON string with `<` escaped, so it reads as data and cannot
 * close the tag it sits in, whatever it says.
 */
export const asData = (text: string, max: number) => JSON.stringify(text.slice(0, max)).replace(/</g, "\\u003c");

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompts/route-turn.md uses an unknown placeholder {{${name}}}`);
    return value;
  });
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** Renders the routing prompt; its stable part's SHA-256 prefix is the decision's promptVersion. */
export function renderRoutePrompt(input: RoutePromptInput): RenderedRoutePrompt {
  const parts = loadTemplate();
  const system = fill(parts.system, {
    confidenceThreshold: String(input.confidenceThreshold),
    divisions: input.divisions.map((d) => `- ${d.id}: ${oneLine(d.name)} — ${oneLine(d.prompt)}`).join("\n") || "(none)",
    flows: input.flows.map((f) => `- ${f.id}: ${oneLine(f.description)}`).join("\n") || "(none)",
  });
  const history = input.history.slice(-promptLimits.historyTurns);
  const user = fill(parts.user, {
    examples:
      input.examples
        .slice(0, promptLimits.examples)
        .map((e) => `${asData(e.text, promptLimits.exampleChars)} → ${e.label}`)
        .join("\n") || "(none)",
    knowledge: input.knowledge.map((k) => asData(k, promptLimits.knowledgeChars)).join("\n") || "(none)",
    history: history.map((h) => `${h.role}: ${asData(h.text, promptLimits.historyChars)}`).join("\n") || "(none)",
    message: asData(input.message, promptLimits.messageChars),
  });
  const promptVersion = createHash("sha256").update(system).digest("hex").slice(0, 12);
  return { system, user, promptVersion };
}
