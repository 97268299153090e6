import { selectOne } from "../db/queries/health.js";
import type { ServiceDeps } from "./context.js";

export type Readiness = { ready: boolean; database: "ok" | "unreachable" };

export async function checkReadiness(deps: ServiceDeps): Promise<Readiness> {
  try {
    await selectOne(deps.db);
    return { ready: true, database: "ok" };
  } catch {
    return { ready: false, database: "unreachable" };
  }
}
