import * as flowsQ from "../../db/queries/flows.js";
import type { Db } from "../../db/client.js";
import { validateFlow } from "./compile-flow.js";
import type { CompiledFlow } from "./compiled-flow.js";

// Compiling CEL is the costly part of a flow. A saved row never changes under the same version and
// update time (a deleted and re-created flow starts again at version 1, hence both in the key).
// A row that no longer validates (written by an older release) is cached as null: skipped, not retried.
const cache = new Map<string, CompiledFlow | null>();
const maxCached = 1000;

/** The bot's active flows, compiled. */
export async function loadActiveFlows(db: Db, botId: string): Promise<CompiledFlow[]> {
  const rows = await flowsQ.listFlows(db, botId);
  const out: CompiledFlow[] = [];
  for (const row of rows) {
    const key = `${botId}:${row.id}:${String(row.version)}:${String(row.updatedAt.getTime())}`;
    let compiled = cache.get(key);
    if (compiled === undefined) {
      const result = validateFlow(row.definition, row.id);
      compiled = result.ok ? result.flow : null;
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value ?? "");
      cache.set(key, compiled);
    }
    if (compiled?.active) out.push(compiled);
  }
  return out;
}
