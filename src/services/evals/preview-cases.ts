import { createHash } from "node:crypto";
import type { RoutedTurnRow } from "../../db/queries/decisions.js";
import { type EvalCase, parseDataset } from "./engine/dataset.js";
import { AppError, invalid } from "../../errors.js";

/** Cases an interactive preview runs at most; larger sets belong to `npm run eval`. */
export const maxPreviewCases = 1000;

export type PreviewCases = { cases: EvalCase[]; sha256: string; warnings: string[] };
/** Inline cases or JSONL text (a dataset file's content); the route lets exactly one through. */
export type DatasetInput = { cases?: EvalCase[] | undefined; jsonl?: string | undefined };

/** Cases sent inline or as JSONL text, checked with the runner's rules; errors name `dataset.*`. */
export function casesFromDataset(dataset: DatasetInput, divisions: readonly { id: string; name: string }[]): PreviewCases {
  const parsed = dataset.jsonl !== undefined ? parseJsonl(dataset.jsonl) : checkedCases(dataset.cases ?? []);
  if (parsed.cases.length > maxPreviewCases) {
    throw invalid(
      dataset.jsonl !== undefined ? "dataset.jsonl" : "dataset.cases",
      `at most ${String(maxPreviewCases)} cases; run larger datasets with npm run eval`,
    );
  }
  const { cases, warnings } = resolveLabels(parsed.cases, divisions);
  return { cases, sha256: parsed.sha256, warnings };
}

function parseJsonl(jsonl: string): { cases: EvalCase[]; sha256: string } {
  try {
    return parseDataset(jsonl);
  } catch (error) {
    if (!(error instanceof AppError) || error.errors === undefined) throw error;
    // Each line's problem under the one field the body has: "line 3: expected.route: ...".
    const errors = error.errors.map((e) => ({ path: "dataset.jsonl", message: e.path.startsWith("line ") ? `${e.path}: ${e.message}` : e.message }));
    throw new AppError("validation_failed", `dataset.jsonl: ${error.message}`, { errors });
  }
}

function checkedCases(cases: EvalCase[]): { cases: EvalCase[]; sha256: string } {
  if (cases.length === 0) throw invalid("dataset.cases", "no cases");
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    if (seen.has(c.id)) throw invalid(`dataset.cases.${String(i)}.id`, `duplicate id "${c.id}"`);
    seen.add(c.id);
  });
  return { cases, sha256: sha256Of(cases) };
}

/** The JSONL the cases would be in a file, hashed: the report pins exactly what was run. */
export function sha256Of(cases: readonly EvalCase[]): string {
  return createHash("sha256")
    .update(cases.map((c) => JSON.stringify(c)).join("\n"))
    .digest("hex");
}

const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_|_$/g, "");

/**
 * A label is a division id of this bot, or, so that a dataset written for an export ("cards")
 * runs against the live bot, a division name in any case and spacing ("Cards"). Anything else
 * can never be predicted: it is kept, scored as a miss, and reported as a warning.
 */
export function resolveLabels(cases: readonly EvalCase[], divisions: readonly { id: string; name: string }[]): { cases: EvalCase[]; warnings: string[] } {
  const ids = new Set(divisions.map((d) => d.id));
  const byName = new Map<string, string | null>();
  for (const d of divisions) byName.set(nameKey(d.name), byName.has(nameKey(d.name)) ? null : d.id);
  const unknown = new Set<string>();
  const resolved = cases.map((c) => {
    const label = c.expected.division;
    if (label === undefined || ids.has(label)) return c;
    const id = byName.get(nameKey(label));
    if (id === undefined || id === null) {
      unknown.add(label);
      return c;
    }
    return { ...c, expected: { ...c.expected, division: id } };
  });
  const warnings =
    unknown.size === 0 ? [] : [`the dataset expects divisions this bot does not have: ${[...unknown].join(", ")} (use a division id or name, or "bot")`];
  return { cases: resolved, warnings };
}

/**
 * Logged turns as cases whose `expected` is what the bot decided then, so a report's accuracy
 * reads as agreement with past behaviour. A flow or bot reply kept the turn with the bot; a
 * clarifying question counts as a handover to the division it leaned to (unnamed when none).
 * Each case is decided at the instant it was logged, so office hours apply as they did then.
 */
export function casesFromRecentTurns(rows: readonly RoutedTurnRow[]): PreviewCases {
  const cases = rows.map((row): EvalCase => ({
    id: row.id,
    text: row.text,
    expected:
      row.route === "handover" || row.route === "clarify"
        ? { route: "handover", ...(row.divisionId !== null && { division: row.divisionId }) }
        : { route: "bot" },
    now: row.createdAt.toISOString(),
    conversationId: row.conversationId,
  }));
  return { cases, sha256: sha256Of(cases), warnings: [] };
}
