import cliProgress from "cli-progress";

export type Progress = { update(done: number, total: number): void; stop(): void };

export type ProgressOptions = {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** `CI=true` logs lines instead of redrawing a bar, as a non-terminal does. */
  ci: boolean;
};

/**
 * A progress bar on a terminal; elsewhere (CI logs, pipes) one line per 10% so a log shows the
 * run moving without thousands of redraws.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (options.stream.isTTY === true && !options.ci) return barProgress(options.stream);
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      options.stream.write(`eval: ${String(done)}/${String(total)} cases (${String(tenth * 10)}%)\n`);
    },
    stop: () => undefined,
  };
}

function barProgress(stream: NodeJS.WritableStream): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: "eval [{bar}] {percentage}% | {value}/{total} cases | {eta_formatted} left", hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
