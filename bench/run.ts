import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import type { Bench, BenchReport, Table } from "./lib/bench.js";
import { claimHistoryBench } from "./claim-history.bench.js";
import { nearestExamplesBench } from "./nearest-examples.bench.js";
import { trainedRouterBench } from "./trained-router.bench.js";
import { turnsBench } from "./turns.bench.js";

/**
 * `npm run bench [-- <name>...] [--flag=value...]`: runs every benchmark (or the named ones) and
 * prints each as a table. Results are ratios against a baseline measured in the same run, reported
 * against aims; a missed aim is reported, and fails the run only when it is a gate (`--gate`). Add a benchmark by writing
 * `bench/<name>.bench.ts` exporting a `Bench` and listing it here.
 */
const benches: Bench[] = [turnsBench, nearestExamplesBench, trainedRouterBench, claimHistoryBench];

const resultsDir = new URL("./results/", import.meta.url);

function printTable(table: Table): void {
  const { title, columns, rows } = table;
  if (title !== undefined) console.log(`${title}\n`);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(columns));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log();
}

function printReport(report: BenchReport): void {
  for (const table of report.tables) printTable(table);
  for (const aim of report.aims) console.log(`  ${aim.met ? "MET   " : aim.gate ? "FAILED" : "MISSED"}  ${aim.label}: ${aim.actual}`);
  for (const note of report.notes) console.log(`  note: ${note}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), strict: false, allowPositionals: true });
  if (values.list === true || values.help === true) {
    for (const bench of benches) console.log(`${bench.name.padEnd(16)} ${bench.description}`);
    return;
  }
  const unknown = positionals.filter((name) => !benches.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (try --list)`);
  const selected = positionals.length === 0 ? benches : benches.filter((b) => positionals.includes(b.name));

  mkdirSync(resultsDir, { recursive: true });
  const machine = {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
  };
  console.log(`Node ${machine.node} on ${machine.platform}, ${String(machine.cpus)} cores (${machine.cpuModel})\n`);

  for (const bench of selected) {
    console.log(`== ${bench.name}: ${bench.description}\n`);
    const started = performance.now();
    const report = await bench.run({
      flags: values,
      log: (message) => process.stderr.write(`  [${bench.name}] ${message}\n`),
      resultsDir: new URL(`./${bench.name}/`, resultsDir).pathname,
    });
    printReport(report);
    if (report.aims.some((aim) => aim.gate && !aim.met)) process.exitCode = 1;
    const file = new URL(`./${bench.name}.json`, resultsDir);
    const elapsedSec = (performance.now() - started) / 1000;
    const result = { bench: bench.name, at: new Date().toISOString(), elapsedSec, machine, flags: values, aims: report.aims, ...report.data };
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n  ${fileLabel(file)} written (${elapsedSec.toFixed(0)} s)\n`);
  }
}

const fileLabel = (file: URL) => file.pathname.replace(`${process.cwd()}/`, "");

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
