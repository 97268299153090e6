// `npx tsx evals/thresholds.ts --bot <export.json>`: how the trained router's confidence threshold
// trades clarifying questions for accuracy on the bot's own examples, held out by cross-validation.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type BotImport, botImportSchema } from "../../src/domain/bot-export.js";
import { crossValidate } from "./cross-validate.js";
import { percent } from "../report/metric-format.js";
import { reliabilityMarkdown } from "../report/render-reliability.js";
import { heldOutCalibration, sweepThresholds, type ThresholdRow } from "./threshold-sweep.js";

export const thresholdsUsage = `Usage: npx tsx evals/thresholds.ts --bot <export.json> [--folds 5]

Trains the bot's router k times, each time without one fold of its examples (its keywords always
train), reads the held-out fold, and prints the reliability diagram of those first choices and, per
confidence threshold, the clarify rate, accuracy (a clarifying question counted as an error) and
accuracy of the turns answered, how many questions stood in for a wrong first choice, and handover
precision and recall. No eval dataset is read: choose a threshold here, measure it with npm run eval.`;

const thresholds = Array.from({ length: 11 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);

function row(r: ThresholdRow, configured: number): string {
  const cells = [r.clarifyRate, r.accuracy, r.answeredAccuracy, r.questionsAvertingAMistake, r.handoverPrecision, r.handoverRecall].map(percent);
  return `| ${r.threshold.toFixed(2)}${Math.abs(r.threshold - configured) < 1e-9 ? " (the bot's)" : ""} | ${cells.join(" | ")} |`;
}

type Flags = { bot: string; folds: number };

/** The flags, or the message to print (with the exit code it deserves). */
function parseFlags(argv: readonly string[]): { ok: true; flags: Flags } | { ok: false; message: string; code: number } {
  let values: { bot?: string | undefined; folds?: string | undefined; help?: boolean | undefined };
  try {
    values = parseArgs({ args: [...argv], options: { bot: { type: "string" }, folds: { type: "string" }, help: { type: "boolean" } }, strict: true }).values;
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n\n${thresholdsUsage}`, code: 2 };
  }
  if (values.help) return { ok: false, message: thresholdsUsage, code: 0 };
  const folds = Number(values.folds ?? "5");
  if (values.bot === undefined || !Number.isInteger(folds) || folds < 2 || folds > 20) {
    return { ok: false, message: `--bot is required and --folds is a whole number from 2 to 20\n\n${thresholdsUsage}`, code: 2 };
  }
  return { ok: true, flags: { bot: values.bot, folds } };
}

/** The bot export in `file`, or why it is not one. */
async function readBot(file: string): Promise<{ ok: true; doc: BotImport } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return { ok: false, message: `--bot ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = botImportSchema.safeParse(json);
  if (parsed.success) return { ok: true, doc: parsed.data };
  return {
    ok: false,
    message: `--bot ${file} is not a bot export: ${parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ")}`,
  };
}

/** Returns the exit code: 0, or 2 for bad flags or a file that is not a bot export. */
export async function runThresholdsCli(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const flags = parseFlags(argv);
  if (!flags.ok) {
    out(`${flags.message}\n`);
    return flags.code;
  }
  const { bot, folds } = flags.flags;
  const read = await readBot(bot);
  if (!read.ok) {
    out(`${read.message}\n`);
    return 2;
  }
  const doc = read.doc;
  const result = await crossValidate(doc, folds);
  if (!result) {
    out(`${bot}: no trained router (fewer than two labels among its examples)\n`);
    return 2;
  }
  const { readings, trainMs } = result;
  const first = readings.filter((r) => r.ranked[0]?.label === r.expected).length / readings.length;
  out(
    [
      `# Confidence threshold of ${doc.name}: ${String(readings.length)} examples, ${String(folds)}-fold cross-validation`,
      "",
      `First choice right: ${percent(first)}. Training: ${(trainMs / 1000).toFixed(1)} s per fold.`,
      "",
      reliabilityMarkdown(heldOutCalibration(readings), "held-out first choices"),
      "",
      "| threshold | clarify rate | accuracy (questions = errors) | accuracy of the turns " +
        "answered | questions averting a mistake | handover precision | handover recall |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...sweepThresholds(readings, thresholds).map((r) => row(r, doc.settings.confidenceThreshold)),
      "",
    ].join("\n"),
  );
  return 0;
}
