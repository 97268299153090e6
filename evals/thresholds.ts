// The confidence-threshold evals on a bot's own held-out examples; the work is in evals/cli/thresholds-cli.ts.
import { runThresholdsCli } from "./cli/thresholds-cli.js";

process.exitCode = await runThresholdsCli(process.argv.slice(2), (text) => process.stdout.write(text));
