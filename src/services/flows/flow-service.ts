import * as divisionsQ from "../../db/queries/divisions.js";
import * as flowsQ from "../../db/queries/flows.js";
import type { Db } from "../../db/client.js";
import type { Flow } from "../../domain/flow.js";
import { AppError, notFound } from "../../errors.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";
import { validateFlow } from "./compile-flow.js";
import { flowWarnings } from "./flow-warnings.js";
import type { FlowIssue } from "./compiled-flow.js";

export type FlowView = { id: string; version: number; flow: Flow; warnings: FlowIssue[]; createdAt: string; updatedAt: string };
export type FlowVersionView = { version: number; current: boolean; restoredFrom: number | null; flow: Flow; createdAt: string };

async function divisionIdsOf(db: Db, botId: string): Promise<Set<string>> {
  return new Set((await divisionsQ.listDivisions(db, botId)).map((d) => d.id));
}

function toView(row: flowsQ.FlowRow, warnings: FlowIssue[]): FlowView {
  return { id: row.id, version: row.version, flow: row.definition, warnings, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

// Warnings need no compilation: the stored document was compiled when it was saved.
const warningsOf = (row: flowsQ.FlowRow) => flowWarnings(row.definition);

async function requireFlow(deps: ServiceDeps, botId: string, flowId: string): Promise<flowsQ.FlowRow> {
  await requireBot(deps.db, botId);
  const row = await flowsQ.findFlow(deps.db, botId, flowId);
  if (!row) throw notFound("flow", flowId);
  return row;
}

/** Validates and compiles a flow document: 400 with a path per problem, never a half-saved flow. */
export function checkFlow(raw: unknown, flowId: string, divisionIds: ReadonlySet<string>): { flow: Flow; warnings: FlowIssue[] } {
  const checked = validateFlow(raw, flowId, { divisionIds });
  if (!checked.ok) {
    throw new AppError(
      "validation_failed",
      `the flow has ${String(checked.errors.length)} problem(s): ${checked.errors[0]?.path ?? ""} ${checked.errors[0]?.message ?? ""}`.trim(),
      {
        errors: checked.errors,
      },
    );
  }
  return { flow: checked.flow.source, warnings: checked.warnings };
}

/** Creates or replaces a flow; every save is a new version. */
export async function putFlow(
  deps: ServiceDeps,
  botId: string,
  flowId: string,
  raw: unknown,
  restoredFrom: number | null = null,
): Promise<{ view: FlowView; created: boolean }> {
  await requireBot(deps.db, botId);
  const { flow, warnings } = checkFlow(raw, flowId, await divisionIdsOf(deps.db, botId));
  const now = deps.clock.now().toJSDate();
  return deps.db.transaction(async (tx) => {
    const current = await flowsQ.findFlow(tx, botId, flowId);
    const version = (current?.version ?? 0) + 1;
    const row = await flowsQ.saveFlow(tx, { botId, id: flowId, version, definition: flow, updatedAt: now });
    await flowsQ.insertFlowVersion(tx, { botId, flowId, version, definition: flow, restoredFrom, createdAt: now });
    return { view: toView(row, warnings), created: !current };
  });
}

export async function getFlow(deps: ServiceDeps, botId: string, flowId: string): Promise<FlowView> {
  const row = await requireFlow(deps, botId, flowId);
  return toView(row, warningsOf(row));
}

export async function listFlows(deps: ServiceDeps, botId: string): Promise<FlowView[]> {
  await requireBot(deps.db, botId);
  return (await flowsQ.listFlows(deps.db, botId)).map((row) => toView(row, warningsOf(row)));
}

export async function deleteFlow(deps: ServiceDeps, botId: string, flowId: string): Promise<void> {
  await requireBot(deps.db, botId);
  if (!(await flowsQ.deleteFlow(deps.db, botId, flowId))) throw notFound("flow", flowId);
}

export async function listFlowVersions(deps: ServiceDeps, botId: string, flowId: string): Promise<FlowVersionView[]> {
  const current = await requireFlow(deps, botId, flowId);
  const rows = await flowsQ.listFlowVersions(deps.db, botId, flowId);
  return rows.map((r) => ({
    version: r.version,
    current: r.version === current.version,
    restoredFrom: r.restoredFrom,
    flow: r.definition,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Restoring saves the old document again as a new version, so history is never rewritten. */
export async function restoreFlowVersion(deps: ServiceDeps, botId: string, flowId: string, version: number): Promise<FlowView> {
  const current = await requireFlow(deps, botId, flowId);
  const old = await flowsQ.findFlowVersion(deps.db, botId, flowId, version);
  if (!old) throw notFound("flow version", String(version));
  if (old.version === current.version) throw new AppError("conflict", `version ${String(version)} is already the current flow`);
  return (await putFlow(deps, botId, flowId, old.definition, version)).view;
}
