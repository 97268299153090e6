import { z } from "@hono/zod-openapi";
import { evalCaseSchema } from "../../../services/evals/engine/dataset.js";
import { reportSchema } from "../../../services/evals/engine/report-schema.js";
import { draftSchema } from "../../../services/evals/draft.js";
import { maxPreviewCases } from "../../../services/evals/preview-cases.js";

const DatasetSchema = z
  .strictObject({
    cases: z
      .array(evalCaseSchema)
      .min(1)
      .max(maxPreviewCases)
      .optional()
      .describe('Cases as `npm run eval` reads them; labels are this bot\'s division ids (or names) or "bot"'),
    jsonl: z.string().min(1).optional().describe("The same cases as JSONL text, one per line (a dataset file's content)"),
  })
  .refine((d) => (d.cases === undefined) !== (d.jsonl === undefined), { message: "give exactly one of cases and jsonl", path: ["cases"] });

export const ImpactPreviewRequest = z
  .strictObject({
    dataset: DatasetSchema.optional(),
    recentTurns: z
      .strictObject({ limit: z.number().int().min(1).max(500).default(100) })
      .optional()
      .describe("Replay the bot's latest routed turns from the decision log, newest first"),
    draft: draftSchema.meta({ id: "EvalDraft" }).describe("The unsaved configuration; omitted fields keep the live values"),
    concurrency: z.number().int().min(1).max(16).optional().describe("Cases decided at once (LLM calls in flight); 4 by default"),
  })
  .superRefine((body, ctx) => {
    if (body.dataset !== undefined && body.recentTurns !== undefined) {
      ctx.addIssue({ code: "custom", message: "give either dataset or recentTurns, not both", path: ["recentTurns"] });
    } else if (body.dataset === undefined && body.recentTurns === undefined) {
      ctx.addIssue({ code: "custom", message: "give dataset or recentTurns", path: ["dataset"] });
    }
  })
  .openapi("ImpactPreviewRequest");

const Delta = z.object({ before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable() }).describe("before = live, after = draft");

const ChangedTurn = z.object({
  id: z.string().describe("The case id; for a logged turn, its decision id"),
  text: z.string(),
  expected: z.string(),
  live: z.string().describe("Label decided by the live configuration: a division id, bot, clarify or handover (no division named)"),
  draft: z.string().describe("Label the draft would decide"),
  change: z.enum(["fixed", "broken", "changed"]).describe("Against expected: fixed = now right, broken = was right, changed = wrong both times"),
  conversationId: z.number().int().optional(),
});

const EvalReport = reportSchema.meta({ id: "EvalReport" });

export const ImpactPreviewResponse = z
  .object({
    source: z.enum(["dataset", "recent_turns"]),
    n: z.number().int(),
    note: z.string().describe("How to read expected and accuracy for this source"),
    draftChanges: z.array(z.string()).describe("What the draft changes, in words"),
    warnings: z.array(z.string()),
    changed: z.array(ChangedTurn).describe("The turns whose decision the draft would change"),
    comparison: z.object({
      metrics: z.record(z.string(), Delta),
      perLabel: z.record(z.string(), z.object({ precision: Delta, recall: Delta, f1: Delta, support: Delta })),
    }),
    live: EvalReport,
    draft: EvalReport,
  })
  .openapi("ImpactPreview");
