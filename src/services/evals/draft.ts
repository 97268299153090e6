import { z } from "zod";
import type { BotExport } from "../../domain/bot-export.js";
import { divisionPatchSchema } from "../../domain/division.js";
import { officeHoursSchema } from "../../domain/office-hours.js";
import { settingsSchema } from "../../domain/settings.js";
import { invalid } from "../../errors.js";

const settingsShape = settingsSchema.shape;

/**
 * The settings that shape a routing decision, each optional and without a default (a partial of
 * `settingsSchema` would fill every omitted field with its default and silently revert the live
 * value). Message texts never change a decision, so a draft cannot carry them.
 */
export const draftSettingsSchema = z
  .strictObject({
    smartHandover: z.strictObject({ enabled: z.boolean() }),
    confidenceThreshold: settingsShape.confidenceThreshold.unwrap(),
    defaultDivisionId: z.string().min(1).max(100).nullable(),
    whenUnavailable: settingsShape.whenUnavailable.unwrap(),
    presenceUnknown: settingsShape.presenceUnknown.unwrap(),
    presenceBusy: settingsShape.presenceBusy.unwrap(),
  })
  .partial();

/** Changes to one existing division, named by its id; omitted fields keep the live value. */
export const draftDivisionSchema = z.strictObject({
  id: z.string().min(1).max(100),
  ...divisionPatchSchema.shape,
});

/** An unsaved edit of the bot's routing configuration, as the admin's form holds it. */
export const draftSchema = z.strictObject({
  divisions: z.array(draftDivisionSchema).max(200).default([]),
  settings: draftSettingsSchema.default({}),
  /** Replaces the bot's office hours (they decide whether a handover finds the division open). */
  officeHours: officeHoursSchema.optional(),
});

export type Draft = z.infer<typeof draftSchema>;

/**
 * The live export with the draft applied. Errors name the draft's field (`draft.divisions.N.id`),
 * so an admin's form can point at it; the import checks the rest as it would for any document.
 */
export function applyDraft(live: BotExport, draft: Draft): BotExport {
  const divisions = [...live.divisions];
  const indexById = new Map(live.divisions.map((d, i) => [d.id, i]));
  const seen = new Set<string>();
  draft.divisions.forEach(({ id, ...patch }, i) => {
    const index = indexById.get(id);
    const current = index === undefined ? undefined : divisions[index];
    if (index === undefined || current === undefined) throw invalid(`draft.divisions.${String(i)}.id`, `"${id}" is not a division of this bot`);
    if (seen.has(id)) throw invalid(`draft.divisions.${String(i)}.id`, `division "${id}" appears more than once`);
    seen.add(id);
    divisions[index] = { ...current, ...patch };
  });
  checkUniqueNames(divisions, draft);

  const settings = { ...live.settings, ...draft.settings };
  const defaultId = settings.defaultDivisionId;
  if (defaultId !== null && !indexById.has(defaultId)) {
    throw invalid("draft.settings.defaultDivisionId", `"${defaultId}" is not a division of this bot`);
  }
  return { ...live, divisions, settings, officeHours: draft.officeHours ?? live.officeHours };
}

function checkUniqueNames(divisions: BotExport["divisions"], draft: Draft): void {
  const owner = new Map<string, string>();
  for (const d of divisions) {
    const key = d.name.toLowerCase();
    const other = owner.get(key);
    if (other !== undefined) {
      // A clash needs a renamed division in the draft; point at that entry.
      const i = draft.divisions.findIndex((e) => e.name !== undefined && (e.id === d.id || e.id === other));
      throw invalid(`draft.divisions.${String(Math.max(i, 0))}.name`, `another division is already called "${d.name}"`);
    }
    owner.set(key, d.id);
  }
}

/** What the draft changes, in words ("Cards: prompt, keywords"); empty when nothing differs. */
export function describeDraft(live: BotExport, drafted: BotExport): string[] {
  const changes: string[] = [];
  live.divisions.forEach((before, i) => {
    const after = drafted.divisions[i];
    if (after === undefined) return;
    const fields = (Object.keys(before) as (keyof typeof before)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (fields.length > 0) changes.push(`division ${before.name} (${before.id}): ${fields.join(", ")}`);
  });
  const settingKeys = Object.keys(draftSettingsSchema.shape) as (keyof typeof draftSettingsSchema.shape)[];
  for (const key of settingKeys) {
    const [before, after] = [JSON.stringify(live.settings[key]), JSON.stringify(drafted.settings[key])];
    if (before !== after) changes.push(`settings.${key}: ${before} → ${after}`);
  }
  if (JSON.stringify(live.officeHours) !== JSON.stringify(drafted.officeHours)) changes.push("officeHours");
  return changes;
}
