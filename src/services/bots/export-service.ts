import * as settingsQ from "../../db/queries/bot-settings.js";
import * as botsQ from "../../db/queries/bots.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import * as examplesQ from "../../db/queries/examples.js";
import { analyzeVectorTables } from "../../db/queries/vector-search.js";
import * as flowsQ from "../../db/queries/flows.js";
import * as knowledgeQ from "../../db/queries/knowledge.js";
import { type BotExport, type BotImport, botExportFormat } from "../../domain/bot-export.js";
import { divisionExampleParts, intentsOfAnotherLabel } from "../../domain/example.js";
import { mapFlowDivisionIds } from "../../domain/flow.js";
import { AppError, invalid, notFound } from "../../errors.js";
import type { ServiceDeps } from "../context.js";
import { insertDivisionWithVersion } from "../divisions/division-service.js";
import { validateFlow } from "../flows/compile-flow.js";
import { storeExamples } from "../memory/example-service.js";
import { botLabel } from "../../domain/labels.js";
import { storeDocument } from "../memory/knowledge-service.js";
import { type CreatedBot, insertBotWithDefaults } from "./bot-service.js";

export async function exportBot(deps: Pick<ServiceDeps, "db">, botId: string): Promise<BotExport> {
  const bot = await botsQ.findBot(deps.db, botId);
  const settingsRow = await settingsQ.findBotSettings(deps.db, botId);
  if (!bot || !settingsRow) throw notFound("bot", botId);
  const divisions = await divisionsQ.listDivisions(deps.db, botId);
  const flows = await flowsQ.listFlows(deps.db, botId);
  const examples = await allExamples(deps, botId);
  const documents = await knowledgeQ.listDocuments(deps.db, botId);
  return {
    format: botExportFormat,
    name: bot.name,
    refuseUnsignedDeliveries: bot.refuseUnsignedDeliveries,
    omnichat:
      bot.omnichatBaseUrl !== null && bot.omnichatAccountId !== null
        ? { baseUrl: bot.omnichatBaseUrl, accountId: bot.omnichatAccountId, inboxId: bot.omnichatInboxId }
        : null,
    settings: settingsRow.settings,
    officeHours: settingsRow.officeHours,
    divisions: divisions.map((d) => ({
      id: d.id,
      name: d.name,
      prompt: d.prompt,
      teamId: d.teamId,
      keywords: d.keywords,
      examples: d.examples,
      active: d.active,
      officeHours: d.officeHours,
      priority: d.priority,
      labels: d.labels,
    })),
    flows: flows.map((f) => ({ id: f.id, ...f.definition })),
    // Division examples travel inside their division; these are the rest.
    examples: examples.flatMap((e) =>
      e.source === "division" ? [] : [{ text: e.text, label: e.label, ...(e.intent !== null && { intent: e.intent }), source: e.source }],
    ),
    knowledge: documents.map((d) => ({ title: d.title, content: d.content, format: d.format })),
  };
}

async function allExamples(deps: Pick<ServiceDeps, "db">, botId: string): Promise<examplesQ.ExampleRow[]> {
  const out: examplesQ.ExampleRow[] = [];
  for (let after = 0; ;) {
    const page = await examplesQ.listExamples(deps.db, botId, { after, limit: 5000 });
    out.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 5000) return out;
    after = last.seq;
  }
}

/** Every example's label is a division key of the document or "bot", and each intent stays inside one label. */
function checkImportExamples(doc: BotImport, keys: ReadonlySet<string>): void {
  const labels = new Set([...keys, botLabel]);
  const badLabels = doc.examples.flatMap((e, i) =>
    labels.has(e.label) ? [] : [{ path: `examples.${String(i)}.label`, message: `"${e.label}" is neither a division id of the document nor "bot"` }],
  );
  if (badLabels.length > 0)
    throw new AppError("validation_failed", `${String(badLabels.length)} example(s) have an unknown label`, { errors: badLabels.slice(0, 100) });
  const placed = [
    ...doc.divisions.flatMap((d, i) =>
      d.examples.map((e, j) => ({ path: `divisions.${String(i)}.examples.${String(j)}.intent`, label: d.id, intent: divisionExampleParts(e).intent })),
    ),
    ...doc.examples.map((e, i) => ({ path: `examples.${String(i)}.intent`, label: e.label, intent: e.intent })),
  ];
  const strayIntents = intentsOfAnotherLabel(placed);
  if (strayIntents.length > 0)
    throw new AppError("validation_failed", `${String(strayIntents.length)} example(s) have an intent of another label`, {
      errors: strayIntents.slice(0, 100),
    });
}

function checkImportReferences(doc: BotImport): void {
  const keys = new Set<string>();
  const names = new Set<string>();
  doc.divisions.forEach((d, i) => {
    if (keys.has(d.id)) throw invalid(`divisions.${i}.id`, `duplicate division id "${d.id}"`);
    if (names.has(d.name.toLowerCase())) throw invalid(`divisions.${i}.name`, `duplicate division name "${d.name}"`);
    keys.add(d.id);
    names.add(d.name.toLowerCase());
  });
  const defaultId = doc.settings.defaultDivisionId;
  if (defaultId !== null && !keys.has(defaultId)) {
    throw invalid("settings.defaultDivisionId", `"${defaultId}" is not one of the document's divisions`);
  }
  checkImportExamples(doc, keys);
  const flowIds = new Set<string>();
  doc.flows.forEach(({ id, ...flow }, i) => {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/.test(id)) throw invalid(`flows.${i}.id`, "use letters, digits, _ . - (at most 100)");
    if (flowIds.has(id)) throw invalid(`flows.${i}.id`, `duplicate flow id "${id}"`);
    flowIds.add(id);
    const checked = validateFlow(flow, id, { divisionIds: keys });
    if (!checked.ok) {
      const errors = checked.errors.map((e) => ({ path: `flows.${i}.${e.path}`, message: e.message }));
      throw new AppError("validation_failed", `flow "${id}": ${errors[0]?.path ?? ""} ${errors[0]?.message ?? ""}`, { errors });
    }
  });
}

export type ImportedBot = CreatedBot & { divisionIds: Record<string, string> };

/** Creates a new bot from an export; divisions get fresh ids and references are rewritten. */
export async function importBot(deps: ServiceDeps, doc: BotImport): Promise<ImportedBot> {
  checkImportReferences(doc);
  const o = doc.omnichat;
  return deps.db
    .transaction(async (tx) => {
      const created = await insertBotWithDefaults(deps, tx, {
        name: doc.name,
        omnichat: {
          baseUrl: o?.baseUrl ?? null,
          accountId: o?.accountId ?? null,
          inboxId: o?.inboxId ?? null,
          botToken: o?.botToken ?? null,
          adminToken: o?.adminToken ?? null,
        },
        signingSecret: doc.signingSecret ?? null,
        refuseUnsignedDeliveries: doc.refuseUnsignedDeliveries,
      });
      const divisionIds: Record<string, string> = {};
      for (const { id: key, ...division } of doc.divisions) {
        divisionIds[key] = (await insertDivisionWithVersion(deps, tx, created.id, division)).id;
      }
      const defaultId = doc.settings.defaultDivisionId;
      await settingsQ.updateBotSettings(tx, created.id, {
        settings: { ...doc.settings, defaultDivisionId: defaultId === null ? null : (divisionIds[defaultId] ?? null) },
        ...(doc.officeHours && { officeHours: doc.officeHours }),
        updatedAt: deps.clock.now().toJSDate(),
      });
      const now = deps.clock.now().toJSDate();
      for (const { id, ...flow } of doc.flows) {
        const definition = mapFlowDivisionIds(flow, (key) => divisionIds[key] ?? key);
        await flowsQ.saveFlow(tx, { botId: created.id, id, version: 1, definition, updatedAt: now });
        await flowsQ.insertFlowVersion(tx, { botId: created.id, flowId: id, version: 1, definition, restoredFrom: null, createdAt: now });
      }
      const labelled = doc.examples.map((e) => ({
        text: e.text,
        label: e.label === botLabel ? botLabel : (divisionIds[e.label] ?? e.label),
        intent: e.intent,
      }));
      await storeExamples(deps, tx, created.id, labelled, "import");
      for (const document of doc.knowledge) await storeDocument(deps, tx, created.id, document);
      return { ...created, divisionIds };
    })
    .then(async (imported) => {
      await analyzeVectorTables(deps.db);
      return imported;
    });
}
