/**
 * Acknowledgements first on a one-connection database. PGlite runs one statement (or transaction)
 * at a time, first come first served, so under load a webhook's insert would queue behind every
 * statement the queue's turns have already issued, and Chatwoot gives a delivery 5 s. Background
 * work (turns, outbox, claims) goes through this gate one operation at a time; while a delivery
 * is waiting to be stored the gate admits no new background operation, so the insert waits for at
 * most the one in progress. After each stored batch one background operation is let through even
 * if more deliveries wait, so a flood of webhooks slows processing down but cannot stop it.
 */
export type StatementGate = {
  /** Runs background database work (a statement or a whole transaction) when its turn comes. */
  background<T>(work: () => Promise<T>): Promise<T>;
  /** Marks acknowledgement work as waiting until the returned function is called. */
  hold(): () => void;
  /** Background operations waiting for their turn (for tests and metrics). */
  waiting(): number;
};

export function createStatementGate(): StatementGate {
  let running = false;
  let holders = 0;
  // One background operation may pass after each finished acknowledgement, however many wait.
  let owed = false;
  const queue: (() => void)[] = [];

  function pump(): void {
    if (running || queue.length === 0) return;
    if (holders > 0 && !owed) return;
    owed = false;
    running = true;
    queue.shift()?.();
  }

  return {
    async background(work) {
      if (running || holders > 0 || queue.length > 0) {
        await new Promise<void>((resolve) => {
          queue.push(resolve);
          pump();
        });
      } else {
        running = true;
      }
      try {
        return await work();
      } finally {
        running = false;
        pump();
      }
    },
    hold() {
      holders++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        owed = true;
        pump();
      };
    },
    waiting: () => queue.length,
  };
}

/** For a database whose sessions do not share one connection (Postgres): nothing to order. */
export const openGate: StatementGate = {
  background: (work) => work(),
  hold: () => () => undefined,
  waiting: () => 0,
};
