import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError, type FieldError } from "../../../errors.js";

// Customer-side roles: the text the router classifies comes from these.
const customerRoles = ["customer", "user"] as const;
const turnRoles = [...customerRoles, "bot", "agent", "assistant", "system"] as const;

export const evalTurnSchema = z.object({
  role: z.enum(turnRoles),
  text: z.string().min(1),
});

export const expectedSchema = z
  .object({
    route: z.enum(["bot", "handover"]),
    division: z.string().min(1).optional(),
  })
  .refine((e) => e.route === "bot" || e.division !== undefined, {
    message: "a handover case names its division",
    path: ["division"],
  })
  .refine((e) => e.route === "handover" || e.division === undefined, {
    message: "a bot case has no division",
    path: ["division"],
  });

/**
 * One eval case (the format is described in evals/README.md). Unknown keys (`intent`, `ownerDivision`, ...) are kept so
 * converters can carry provenance through to reports.
 */
export const evalCaseSchema = z
  .looseObject({
    id: z.string().min(1),
    text: z.string().min(1).optional(),
    turns: z.array(evalTurnSchema).min(1).optional(),
    expected: expectedSchema,
    now: z.iso.datetime({ offset: true }).optional(),
    channel: z.string().min(1).optional(),
    tags: z.array(z.string().min(1)).optional(),
  })
  .refine((c) => (c.text === undefined) !== (c.turns === undefined), {
    message: "a case has exactly one of text or turns",
    path: ["text"],
  })
  .refine((c) => c.turns === undefined || c.turns.some((t) => isCustomerRole(t.role)), {
    message: "turns include at least one customer turn",
    path: ["turns"],
  });

export type EvalTurn = z.infer<typeof evalTurnSchema>;
export type EvalCase = z.infer<typeof evalCaseSchema>;
export type ParsedDataset = { cases: EvalCase[]; sha256: string };

export function isCustomerRole(role: EvalTurn["role"]): boolean {
  return (customerRoles as readonly string[]).includes(role);
}

/** The text the router sees as "this turn": the case text, or the last customer turn. */
export function lastCustomerText(c: EvalCase): string {
  if (c.text !== undefined) return c.text;
  const customerTurns = (c.turns ?? []).filter((t) => isCustomerRole(t.role));
  return customerTurns.at(-1)?.text ?? "";
}

// Enough of the errors to fix a file without flooding a terminal.
const maxErrorsInMessage = 5;

/**
 * Parses a JSONL dataset (one case per non-blank line). Throws one `validation_failed` AppError
 * listing every bad line as `line N: field.path`. `sha256` is over the raw bytes as given, so
 * the report pins exactly the file that was run.
 */
export function parseDataset(raw: string | Uint8Array): ParsedDataset {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = (typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8")).replace(/^\uFEFF/, "");

  const cases: EvalCase[] = [];
  const errors: FieldError[] = [];
  const firstLineOfId = new Map<string, number>();

  text.split(/\r?\n/).forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === "") return;
    const parsed = parseLine(line, lineNo, errors);
    if (parsed === undefined) return;
    const seenAt = firstLineOfId.get(parsed.id);
    if (seenAt !== undefined) {
      errors.push({ path: `line ${lineNo}: id`, message: `duplicate id "${parsed.id}" (first on line ${seenAt})` });
      return;
    }
    firstLineOfId.set(parsed.id, lineNo);
    cases.push(parsed);
  });

  if (errors.length > 0) throw datasetError(errors);
  if (cases.length === 0) throw datasetError([{ path: "dataset", message: "no cases" }]);
  return { cases, sha256 };
}

function parseLine(line: string, lineNo: number, errors: FieldError[]): EvalCase | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    errors.push({ path: `line ${lineNo}`, message: `not valid JSON (${detail})` });
    return undefined;
  }
  const result = evalCaseSchema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "(case)";
    errors.push({ path: `line ${lineNo}: ${field}`, message: issue.message });
  }
  return undefined;
}

function datasetError(errors: FieldError[]): AppError {
  const shown = errors.slice(0, maxErrorsInMessage).map((e) => `${e.path}: ${e.message}`);
  const more = errors.length > maxErrorsInMessage ? `; and ${errors.length - maxErrorsInMessage} more` : "";
  return new AppError("validation_failed", `invalid dataset: ${shown.join("; ")}${more}`, { errors });
}
