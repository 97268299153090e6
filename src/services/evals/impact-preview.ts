import pLimit from "p-limit";
import * as decisionsQ from "../../db/queries/decisions.js";
import type { BotExport, BotImport } from "../../domain/bot-export.js";
import { type ChangeKind, type Comparison, compareReports } from "./engine/compare.js";
import type { Report } from "./engine/report-types.js";
import { createMemoryResponseCache } from "./engine/response-cache.js";
import { runEval } from "./engine/run-eval.js";
import { scoreOutcomes } from "./engine/score.js";
import { type EvalBot, evalImportDeps, importEvalBot, openEvalBot } from "./engine/eval-bot.js";
import { exportBot } from "../bots/export-service.js";
import type { PipelineDeps } from "../pipeline-deps.js";
import { applyDraft, describeDraft, type Draft } from "./draft.js";
import { memoizingEmbedder } from "./memo-embedder.js";
import { casesFromDataset, casesFromRecentTurns, type DatasetInput, type PreviewCases } from "./preview-cases.js";

export type ImpactPreviewInput = {
  /** Exactly one of `dataset` and `recentTurns` (the route checks it). */
  dataset?: DatasetInput | undefined;
  recentTurns?: { limit: number } | undefined;
  draft: Draft;
  concurrency?: number | undefined;
};

/** A turn the draft would decide differently; labels are division ids, `bot`, `clarify` or `handover` (no division named). */
export type ChangedTurn = {
  id: string;
  text: string;
  expected: string;
  live: string;
  draft: string;
  /** Judged against `expected`: fixed (now right), broken (was right), changed (wrong both times). */
  change: ChangeKind;
  /** For a logged turn: its conversation, to open it. */
  conversationId?: number;
};

export type ImpactPreview = {
  source: "dataset" | "recent_turns";
  n: number;
  /** How to read `expected` and accuracy for this source. */
  note: string;
  /** What the draft changes, in words; empty when it changes nothing. */
  draftChanges: string[];
  warnings: string[];
  changed: ChangedTurn[];
  comparison: Pick<Comparison, "metrics" | "perLabel">;
  live: Report;
  draft: Report;
};

const notes = {
  dataset: "expected = the dataset's labels; accuracy is against them",
  recent_turns:
    "expected = what the bot decided when the turn was logged (a clarifying question counts " +
    "as the division it leaned to), so accuracy reads as agreement with past behaviour; each " +
    "turn is replayed alone, without the conversation before it",
} as const;

/**
 * The admin's "what would this change do?" before saving: the bot as it is and as the draft
 * would make it are imported side by side into one throwaway database and run over the same
 * cases with the same routing LLM. The two runs share a response cache keyed on the prompt with
 * division ids made stable, so every case whose prompt the draft leaves unchanged gets the very
 * same answer on both sides: a changed decision comes from the draft, not from the model's
 * randomness. Previews run one at a time per process (each holds an in-memory Postgres).
 */
/** What the impact preview needs: the live bot (database), the clock, the embedder and the bare routing LLM. */
export type ImpactPreviewDeps = Pick<PipelineDeps, "db" | "clock" | "embedder" | "logger" | "routingLlm">;

export function createImpactPreviewer(deps: ImpactPreviewDeps): (botId: string, input: ImpactPreviewInput) => Promise<ImpactPreview> {
  const one = pLimit(1);
  return (botId, input) => one(() => previewImpact(deps, botId, input));
}

export async function previewImpact(deps: ImpactPreviewDeps, botId: string, input: ImpactPreviewInput): Promise<ImpactPreview> {
  const live = await exportBot(deps, botId);
  const drafted = applyDraft(live, input.draft);
  const source = input.dataset === undefined ? "recent_turns" : "dataset";
  const picked = await pickCases(deps, botId, live, input);
  const draftChanges = describeDraft(live, drafted);
  const warnings = [...picked.warnings, ...runWarnings(deps, picked, draftChanges)];
  const { liveReport, draftReport } = picked.cases.length === 0 ? emptyReports(deps, picked) : await runBoth(deps, live, drafted, picked, input.concurrency);
  const comparison = compareReports(draftReport, liveReport);
  const conversations = new Map(picked.cases.map((c) => [c.id, c.conversationId]));
  return {
    source,
    n: picked.cases.length,
    note: notes[source],
    draftChanges,
    warnings,
    changed: comparison.changedCases.map(({ before, after, ...c }) => {
      const conversationId = conversations.get(c.id);
      return { ...c, live: before, draft: after, ...(typeof conversationId === "number" && { conversationId }) };
    }),
    comparison: { metrics: comparison.metrics, perLabel: comparison.perLabel },
    live: liveReport,
    draft: draftReport,
  };
}

async function pickCases(deps: ImpactPreviewDeps, botId: string, live: BotExport, input: ImpactPreviewInput): Promise<PreviewCases> {
  if (input.dataset !== undefined) return casesFromDataset(input.dataset, live.divisions);
  const rows = await decisionsQ.listRecentRoutedTurns(deps.db, botId, input.recentTurns?.limit ?? 100);
  return casesFromRecentTurns(rows);
}

function runWarnings(deps: ImpactPreviewDeps, picked: PreviewCases, draftChanges: string[]): string[] {
  const warnings: string[] = [];
  if (picked.cases.length === 0) warnings.push("the bot has no routed turns with text yet");
  if (draftChanges.length === 0) warnings.push("the draft changes nothing: both sides run the live configuration");
  if (!deps.routingLlm)
    warnings.push("no routing LLM is configured: both sides use the deterministic router (keywords, examples), so prompt edits change nothing");
  return warnings;
}

async function runBoth(deps: ImpactPreviewDeps, live: BotExport, drafted: BotExport, picked: PreviewCases, concurrency: number | undefined) {
  const startedAt = deps.clock.now().toJSDate();
  const embedder = memoizingEmbedder(deps.embedder);
  const liveBot = await openEvalBot(asImport(live), startedAt, embedder);
  try {
    // Both bots in one database: an in-memory Postgres costs seconds and hundreds of MB to start,
    // and every query is scoped by bot, so the two never see each other's data.
    const draftBot = await importEvalBot(evalImportDeps(liveBot.database.db, startedAt, embedder), asImport(drafted));
    const cache = { store: createMemoryResponseCache(), read: true };
    const run = (bot: Omit<EvalBot, "database">) =>
      runEval({
        db: liveBot.database.db,
        botId: bot.botId,
        divisionLabels: bot.divisionLabels,
        cases: picked.cases,
        datasetSha256: picked.sha256,
        llm: deps.routingLlm?.llm ?? null,
        deadlineMs: deps.routingLlm?.deadlineMs ?? 0,
        cache,
        concurrency,
        startedAt,
        embedder,
        logger: deps.logger.child({ impactPreview: true }, { level: "warn" }),
      });
    // Live first, then the draft: the draft's unchanged prompts are answered from the cache.
    const liveReport = await run(liveBot);
    const draftReport = await run(draftBot);
    return { liveReport, draftReport };
  } finally {
    await liveBot.database.close();
  }
}

/** Nothing to replay (a new bot's log): a 200 that says so, without starting a database. */
function emptyReports(deps: ImpactPreviewDeps, picked: PreviewCases): { liveReport: Report; draftReport: Report } {
  const llm = deps.routingLlm?.llm;
  const report = scoreOutcomes([], {
    promptVersion: null,
    datasetSha256: picked.sha256,
    model: llm?.model ?? null,
    provider: llm?.provider ?? "none",
    generatedAt: deps.clock.now().toJSDate().toISOString(),
  });
  return { liveReport: report, draftReport: report };
}

/** The throwaway copies need no inbox: they never send anything. */
const asImport = (doc: BotExport): BotImport => ({ ...doc, omnichat: null });
