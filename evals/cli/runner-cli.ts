import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { type Config, ConfigError, parseConfig } from "../../src/config.js";
import { type BotImport, botImportSchema } from "../../src/domain/bot-export.js";
import { AppError } from "../../src/errors.js";
import { createRoutingLlm } from "../../src/llm/create-routing-llm.js";
import { compareReports } from "../../src/services/evals/engine/compare.js";
import { type EvalCase, parseDataset } from "../../src/services/evals/engine/dataset.js";
import { percent } from "../report/metric-format.js";
import { renderHtml } from "../report/render-html.js";
import { renderMarkdown } from "../report/render-markdown.js";
import type { Report } from "../../src/services/evals/engine/report-types.js";
import { createFileResponseCache } from "../../src/services/evals/engine/response-cache.js";
import { runEval } from "../../src/services/evals/engine/run-eval.js";
import { type RunnerArgs, parseRunnerArgs, usage } from "./runner-args.js";
import { parseReport } from "../../src/services/evals/engine/report-schema.js";
import { openEvalBot } from "../../src/services/evals/engine/eval-bot.js";
import type { TrainingOutcome } from "../../src/services/memory/router-training.js";
import { createProgress } from "./runner-progress.js";
import { casesInTrainingData } from "./training-overlap.js";
import { formatSummary } from "./runner-summary.js";

export type CliIo = {
  /** The environment, read only through `parseConfig`. */
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The project root: default report and cache folders live in its `evals/`. */
  rootDir: string;
  now?: () => Date;
};

export const exitCodes = { ok: 0, belowFloor: 1, badInput: 2, crashed: 3 } as const;

/** A problem with the command line or an input file: reported in one line, exit 2. */
class InputError extends Error {}

type Inputs = { doc: BotImport; cases: EvalCase[]; sha256: string; baseline: Report | undefined; config: Config };

/** `npm run eval`: flags → import → run → reports → exit code. */
export async function runEvalCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseRunnerArgs(argv);
  if (parsed.kind === "help") {
    io.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  if (parsed.kind === "error") {
    io.stderr.write(`eval: ${parsed.message}\n\n${usage}\n`);
    return exitCodes.badInput;
  }
  const args = parsed.args;
  let inputs: Inputs;
  try {
    inputs = await loadInputs(args, io.env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`eval: ${error.message}\n`);
    return exitCodes.badInput;
  }
  warnAboutUnknownLabels(inputs, io);
  if (!checkTrainingOverlap(inputs, args, io)) return exitCodes.badInput;

  const report = await run(args, inputs, io);
  const comparison = inputs.baseline ? compareReports(report, inputs.baseline) : undefined;
  const outDir = args.out === undefined ? join(io.rootDir, "evals", "out", datasetName(args.dataset)) : resolve(args.out);
  const title = `Routing eval: ${basename(args.dataset)}`;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, "report.md"), renderMarkdown(report, comparison));
  await writeFile(join(outDir, "report.html"), renderHtml(report, comparison, { title }));
  if (comparison) await writeFile(join(outDir, "comparison.json"), `${JSON.stringify(comparison, null, 2)}\n`);

  io.stdout.write(formatSummary(report, comparison));
  io.stdout.write(`\nreports: ${join(outDir, "report.{json,md,html}")}\n`);
  const unsafe = [...(report.safety?.outsideActiveSet ?? []), ...(report.safety?.promptLeaks ?? [])];
  if (unsafe.length > 0) {
    io.stderr.write(
      `eval: FAILED: ${String(unsafe.length)} safety violation(s) (a division outside the ` +
        `active set or a reply quoting the prompt): ${unsafe.slice(0, 10).join(", ")}\n`,
    );
    return exitCodes.belowFloor;
  }
  const floors = [
    { metric: "accuracy", flag: "--min-accuracy", value: report.accuracy, floor: args.minAccuracy },
    { metric: "handover recall", flag: "--min-handover-recall", value: report.handover.recall, floor: args.minHandoverRecall },
  ].flatMap((f) => (f.floor === undefined ? [] : [{ ...f, floor: f.floor }]));
  const below = floors.filter((f) => f.value < f.floor);
  for (const f of below) io.stderr.write(`eval: FAILED: ${f.metric} ${percent(f.value)} is below ${f.flag} ${percent(f.floor)} (${String(report.n)} cases)\n`);
  if (below.length > 0) return exitCodes.belowFloor;
  for (const f of floors) io.stdout.write(`${f.metric} ${percent(f.value)} ≥ floor ${percent(f.floor)}\n`);
  return exitCodes.ok;
}

async function run(args: RunnerArgs, inputs: Inputs, io: CliIo): Promise<Report> {
  const startedAt = io.now?.() ?? new Date();
  const { config } = inputs;
  const bot = await openEvalBot(inputs.doc, startedAt);
  io.stderr.write(`eval: ${describeRouter(bot.router)}\n`);
  const progress = createProgress({ stream: io.stderr, ci: io.env.CI === "true" });
  try {
    return await runEval({
      db: bot.database.db,
      botId: bot.botId,
      divisionLabels: bot.divisionLabels,
      cases: inputs.cases,
      datasetSha256: inputs.sha256,
      llm: createRoutingLlm(config.llm),
      deadlineMs: config.llm.deadlineMs,
      cache: { store: createFileResponseCache(args.cacheDir === undefined ? join(io.rootDir, "evals", ".cache") : resolve(args.cacheDir)), read: args.cache },
      concurrency: args.concurrency,
      startedAt,
      onProgress: (done, total) => {
        progress.update(done, total);
      },
    });
  } finally {
    progress.stop();
    await bot.database.close();
  }
}

async function loadInputs(args: RunnerArgs, env: CliIo["env"]): Promise<Inputs> {
  const botResult = botImportSchema.safeParse(parseJsonFile(await readInput(args.bot, "--bot"), "--bot", args.bot));
  if (!botResult.success) {
    const problems = botResult.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    throw new InputError(`--bot ${args.bot} is not a bot export: ${problems.join("; ")}`);
  }
  let dataset: { cases: EvalCase[]; sha256: string };
  try {
    dataset = parseDataset(await readInput(args.dataset, "--dataset"));
  } catch (error) {
    if (error instanceof AppError) throw new InputError(`--dataset ${args.dataset}: ${error.message}`);
    throw error;
  }
  let baseline: Report | undefined;
  if (args.baseline !== undefined) {
    const result = parseReport(parseJsonFile(await readInput(args.baseline, "--baseline"), "--baseline", args.baseline));
    if (!result.ok) throw new InputError(`--baseline ${args.baseline} is not a report.json: ${result.message}`);
    baseline = result.report;
  }
  return { doc: botResult.data, cases: dataset.cases, sha256: dataset.sha256, baseline, config: configFor(args, env) };
}

/** The deployment's LLM settings, with the flags applied before validation so a missing key is caught. */
function configFor(args: RunnerArgs, env: CliIo["env"]): Config {
  try {
    return parseConfig({
      ...env,
      ...(args.provider !== undefined && { LLM_PROVIDER: args.provider }),
      ...(args.model !== undefined && { LLM_MODEL: args.model }),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(`the LLM configuration is incomplete:\n${error.issues.map((i) => `  - ${i}`).join("\n")}`);
    throw error;
  }
}

async function readInput(file: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(resolve(file));
  } catch (error) {
    const reason = error instanceof Error && "code" in error && error.code === "ENOENT" ? "no such file" : String(error);
    throw new InputError(`cannot read ${flag} ${file}: ${reason}`);
  }
}

function parseJsonFile(bytes: Buffer, flag: string, file: string): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new InputError(`${flag} ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function datasetName(file: string): string {
  return basename(file).replace(/\.jsonl?$/i, "");
}

function describeRouter(outcome: TrainingOutcome): string {
  if (outcome.status !== "trained")
    return "no trained router (fewer than two labels among the examples): keyword intents and the nearest examples decide offline";
  const r = outcome.report;
  const n = (key: string) => Number(r[key] ?? 0);
  return (
    `trained router: ${String(n("examples"))} examples, ${String(n("labels"))} labels, ` +
    `${String(n("features"))} features in ${(n("trainMs") / 1000).toFixed(1)} s; held-out ` +
    `accuracy ${percent(n("heldOutAccuracy"))}, calibration error ${n("heldOutEce").toFixed(3)}`
  );
}

/** A case the bot was trained on measures memory: refuse the run, or warn with --allow-overlap. */
function checkTrainingOverlap(inputs: Inputs, args: RunnerArgs, io: CliIo): boolean {
  const overlap = casesInTrainingData(inputs.doc, inputs.cases);
  if (overlap.length === 0) return true;
  const shown = overlap
    .slice(0, 5)
    .map((o) => `${o.id} (${JSON.stringify(o.text.slice(0, 60))})`)
    .join(", ");
  const what = `${String(overlap.length)} dataset case(s) are also training examples of the bot: ${shown}${overlap.length > 5 ? ", …" : ""}`;
  if (args.allowOverlap) {
    io.stderr.write(`eval: warning: ${what}\n`);
    return true;
  }
  io.stderr.write(`eval: ${what}. Remove them from the bot or the dataset (or pass --allow-overlap to run anyway).\n`);
  return false;
}

/** A dataset label the bot has no division for can never be predicted: almost always the wrong pairing. */
function warnAboutUnknownLabels(inputs: Inputs, io: CliIo): void {
  const keys = new Set(inputs.doc.divisions.map((d) => d.id));
  const unknown = [...new Set(inputs.cases.flatMap((c) => (c.expected.division !== undefined && !keys.has(c.expected.division) ? [c.expected.division] : [])))];
  if (unknown.length > 0) {
    io.stderr.write(`eval: warning: the dataset expects divisions the bot does not have: ${unknown.join(", ")}\n`);
  }
}
