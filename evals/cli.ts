// `npm run eval`: the routing-eval runner. The work is in evals/cli/runner-cli.ts; this file only
// hands it the process. Run with --help for the flags.
import { fileURLToPath } from "node:url";
import { exitCodes, runEvalCli } from "./cli/runner-cli.js";

const rootDir = fileURLToPath(new URL("..", import.meta.url));

try {
  process.exitCode = await runEvalCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, rootDir });
} catch (error) {
  // Not the routing's verdict: keep exit 1 for "below --min-accuracy" only.
  process.stderr.write(`eval: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = exitCodes.crashed;
}
