import * as flowsQ from "../../db/queries/flows.js";
import type { Db } from "../../db/client.js";
import { compileFlow } from "./compile-flow.js";
import type { CompiledFlow } from "./compiled-flow.js";

// Compiling CEL is the costly part of a flow; a saved version never changes, so cache by version.
const cache = new Map<string, CompiledFlow>();
const maxCached = 1000;

/** The bot's active flows, compiled (stored flows were validated on write). */
export async function loadActiveFlows(db: Db, botId: string): Promise<CompiledFlow[]> {
  const rows = await flowsQ.listFlows(db, botId);
  const out: CompiledFlow[] = [];
  for (const row of rows) {
    if (!row.definition.active) continue;
    const key = `${botId}:${row.id}:${String(row.version)}:${String(row.updatedAt.getTime())}`;
    let compiled = cache.get(key);
    if (!compiled) {
      const result = compileFlow(row.definition, row.id);
      if (!result.ok) continue;
      compiled = result.flow;
      if (cache.size >= maxCached) cache.delete(cache.keys().next().value ?? "");
      cache.set(key, compiled);
    }
    out.push(compiled);
  }
  return out;
}
