import { z } from "zod";
import type { Report } from "./report-types.js";

// An earlier report.json, checked before it is compared: a hand-edited or older file should fail
// with the field that is wrong, not with a TypeError deep in the comparison.

const source = z.enum(["flow", "llm", "fallback", "policy"]);
const tokens = z.object({ prompt: z.number(), cached: z.number(), completion: z.number() });

export const reportSchema = z.object({
  n: z.number(),
  accuracy: z.number(),
  handover: z.object({ precision: z.number(), recall: z.number() }),
  perLabel: z.record(z.string(), z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() })),
  confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  latencyMs: z.object({ p50: z.number(), p95: z.number() }),
  tokens,
  promptVersion: z.string().nullable(),
  datasetSha256: z.string(),
  clarifyRate: z.number(),
  fallbackRate: z.number(),
  sourceCounts: z.object({ flow: z.number(), llm: z.number(), fallback: z.number(), policy: z.number() }),
  estimatedCostUsd: z.number().nullable(),
  model: z.string().nullable(),
  provider: z.string(),
  cachedResponses: z.number(),
  generatedAt: z.string(),
  misrouted: z.array(
    z.object({ id: z.string(), text: z.string(), expected: z.string(), predicted: z.string(), reason: z.string(), confidence: z.number(), source }),
  ),
  cases: z.array(
    z.object({ id: z.string(), text: z.string(), expected: z.string(), predicted: z.string(), correct: z.boolean(), source, confidence: z.number() }),
  ),
  calibration: z
    .object({
      decisions: z.number(),
      ece: z.number(),
      bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number(), meanConfidence: z.number(), accuracy: z.number() })),
    })
    .optional(),
  safety: z.object({ outsideActiveSet: z.array(z.string()), promptLeaks: z.array(z.string()) }).optional(),
}) satisfies z.ZodType<Report>;

/** The report in `json`, or the first few problems as one line. */
export function parseReport(json: unknown): { ok: true; report: Report } | { ok: false; message: string } {
  const parsed = reportSchema.safeParse(json);
  if (parsed.success) return { ok: true, report: parsed.data };
  const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(report)"}: ${i.message}`);
  return { ok: false, message: problems.join("; ") };
}
