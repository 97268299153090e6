import * as jobsQ from "../../db/queries/jobs.js";
import type { QueueStat } from "../../metrics/metrics.js";
import type { ServiceDeps } from "../context.js";

export function queueStats(deps: Pick<ServiceDeps, "db" | "clock">): Promise<QueueStat[]> {
  return jobsQ.queueStats(deps.db, deps.clock.now().toJSDate());
}

/** Queues whose oldest due job has waited to be claimed longer than `maxSeconds`: nobody is working them. */
export async function stuckQueues(deps: Pick<ServiceDeps, "db" | "clock">, maxSeconds: number): Promise<QueueStat[]> {
  return (await queueStats(deps)).filter((q) => (q.oldestDueSeconds ?? 0) > maxSeconds);
}
