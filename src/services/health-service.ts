import { selectOne } from "../db/queries/health.js";
import type { ServiceDeps } from "./context.js";
import { stuckQueues } from "./queue/queue-health.js";

export type Readiness = {
  ready: boolean;
  database: "ok" | "unreachable";
  queue: "ok" | "stuck" | "unknown";
  /** Queues with a due job nobody has claimed for longer than the limit. */
  stuck: { queue: string; oldestDueSeconds: number }[];
};

/** Ready when the database answers and no queue is stuck (a due job unclaimed past `stuckAfterSeconds`). */
export async function checkReadiness(deps: Pick<ServiceDeps, "db" | "clock">, stuckAfterSeconds: number): Promise<Readiness> {
  try {
    await selectOne(deps.db);
  } catch {
    return { ready: false, database: "unreachable", queue: "unknown", stuck: [] };
  }
  const stuck = (await stuckQueues(deps, stuckAfterSeconds)).map((q) => ({ queue: q.queue, oldestDueSeconds: Math.round(q.oldestDueSeconds ?? 0) }));
  return { ready: stuck.length === 0, database: "ok", queue: stuck.length === 0 ? "ok" : "stuck", stuck };
}
