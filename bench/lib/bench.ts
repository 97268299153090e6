/** The contract between bench/run.ts and each `*.bench.ts` file. */
export type Flags = Record<string, string | boolean | undefined>;

export type BenchContext = {
  flags: Flags;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
  /** Directory for artefacts such as CPU profiles (git-ignored). */
  resultsDir: string;
};

export type Table = { title?: string; columns: string[]; rows: string[][] };

/** A target figure; benches report whether it was met, they never fail on it. */
/** An aim is reported; a `gate` aim that is missed also makes the run exit 1 (CI). */
export type Aim = { label: string; met: boolean; actual: string; gate?: boolean };

export type BenchReport = {
  tables: Table[];
  aims: Aim[];
  notes: string[];
  /** Everything worth keeping; written to bench/results/<name>.json. */
  data: Record<string, unknown>;
};

export type Bench = {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchReport>;
};

export function numberFlag(flags: Flags, name: string, fallback: number, bounds: { min: number; max: number }): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new Error(`--${name} must be a number from ${String(bounds.min)} to ${String(bounds.max)}`);
  }
  return value;
}

export const booleanFlag = (flags: Flags, name: string): boolean => flags[name] === true || flags[name] === "true";

export const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
