import { parseArgs } from "node:util";
import { defaultConcurrency } from "../../src/services/evals/engine/run-eval.js";

export const usage = `Usage: npm run eval -- --bot <export.json> --dataset <cases.jsonl> [options]

Runs every case through the production routing code and writes report.json, report.md and
report.html.

Options:
  --bot <file>            bot export (switchboard.bot/v1) to import and evaluate
  --dataset <file>        eval cases, one JSON object per line
  --provider <name>       none | openai | anthropic (default: LLM_PROVIDER, or none)
  --model <id>            override LLM_MODEL
  --out <dir>             report folder (default: evals/out/<dataset name>)
  --baseline <file>       an earlier report.json to compare with
  --min-accuracy <x>      exit 1 when accuracy is below x (0..1)
  --min-handover-recall <x>  exit 1 when handover recall is below x (0..1)
  --concurrency <n>       cases decided at once (default: ${String(defaultConcurrency)})
  --no-cache              ask the LLM again instead of reusing cached answers
  --cache-dir <dir>       where LLM answers are cached (default: evals/.cache)
  --allow-overlap         only warn when a case's text is also one of the bot's training examples
  -h, --help              show this help

A dataset case whose text is also a training example of the bot (compared after normalising
case, punctuation and chat spelling) measures memory, not routing: the run refuses it (exit 2).

Exit codes: 0 done, 1 below a --min-* floor or a safety violation (a division outside the
active set, a reply quoting the routing prompt), 2 bad arguments or input files, 3 crashed.`;

export type Provider = "none" | "openai" | "anthropic";

export type RunnerArgs = {
  bot: string;
  dataset: string;
  provider: Provider | undefined;
  model: string | undefined;
  out: string | undefined;
  baseline: string | undefined;
  minAccuracy: number | undefined;
  minHandoverRecall: number | undefined;
  concurrency: number;
  cache: boolean;
  cacheDir: string | undefined;
  allowOverlap: boolean;
};

export type ParsedArgs = { kind: "run"; args: RunnerArgs } | { kind: "help" } | { kind: "error"; message: string };

const providers: readonly Provider[] = ["none", "openai", "anthropic"];

/** Parses the runner's flags; every mistake comes back as one readable message (exit 2). */
export function parseRunnerArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        bot: { type: "string" },
        dataset: { type: "string" },
        provider: { type: "string" },
        model: { type: "string" },
        out: { type: "string" },
        baseline: { type: "string" },
        "min-accuracy": { type: "string" },
        "min-handover-recall": { type: "string" },
        concurrency: { type: "string" },
        "no-cache": { type: "boolean" },
        "cache-dir": { type: "string" },
        "allow-overlap": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  if (values.bot === undefined) return { kind: "error", message: "--bot <export.json> is required" };
  if (values.dataset === undefined) return { kind: "error", message: "--dataset <cases.jsonl> is required" };

  const provider = values.provider;
  if (provider !== undefined && !isProvider(provider)) {
    return { kind: "error", message: `--provider must be one of ${providers.join(", ")} (got "${provider}")` };
  }
  const minAccuracy = fraction(values["min-accuracy"]);
  if (Number.isNaN(minAccuracy)) return { kind: "error", message: `--min-accuracy must be a number from 0 to 1 (got "${values["min-accuracy"] ?? ""}")` };
  const minHandoverRecall = fraction(values["min-handover-recall"]);
  if (Number.isNaN(minHandoverRecall))
    return { kind: "error", message: `--min-handover-recall must be a number from 0 to 1 (got "${values["min-handover-recall"] ?? ""}")` };
  const concurrency = values.concurrency === undefined ? defaultConcurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    return { kind: "error", message: `--concurrency must be a whole number from 1 to 64 (got "${values.concurrency ?? ""}")` };
  }
  return {
    kind: "run",
    args: {
      bot: values.bot,
      dataset: values.dataset,
      provider,
      model: values.model,
      out: values.out,
      baseline: values.baseline,
      minAccuracy,
      minHandoverRecall,
      concurrency,
      cache: values["no-cache"] !== true,
      cacheDir: values["cache-dir"],
      allowOverlap: values["allow-overlap"] === true,
    },
  };
}

/** A floor flag's value: undefined when absent, NaN when it is no number from 0 to 1. */
function fraction(flag: string | undefined): number | undefined {
  if (flag === undefined) return undefined;
  const value = Number(flag);
  return value >= 0 && value <= 1 ? value : Number.NaN;
}

function isProvider(value: string): value is Provider {
  return (providers as readonly string[]).includes(value);
}
