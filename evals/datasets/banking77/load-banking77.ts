// Loads the BANKING77 routing set from this folder: the train split as labelled examples (minus the
// dev sample's rows) and the dev sample to measure on. See SOURCE.md for origin and licence.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { chatWords } from "../../../src/text/normalize-text.js";

export const banking77Dir = import.meta.dirname;

const divisionsSchema = z.object({
  divisions: z.array(z.object({ id: z.string(), name: z.string(), prompt: z.string() })),
  intentToDivision: z.record(z.string(), z.string()),
  botIntents: z.array(z.string()),
  botPrompt: z.string(),
});
export type Banking77Divisions = z.infer<typeof divisionsSchema>;

const devRowSchema = z.object({
  id: z.string().regex(/^banking77-train-\d{5}$/),
  text: z.string(),
  intent: z.string(),
  expected: z.union([
    z.object({ route: z.literal("bot") }),
    z.object({ route: z.literal("handover"), division: z.string() }),
  ]),
  ownerDivision: z.string(),
});

/** One labelled utterance: `label` is "bot" or a division id, `intent` the upstream class. */
export type Banking77Row = { id: string; text: string; intent: string; label: string };

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks (CRLF or LF). */
export function parseCsv(source: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source.charAt(i);
    if (quoted) {
      if (char === '"' && source.charAt(i + 1) === '"') [field, i] = [field + '"', i + 1];
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") [record, field] = [[...record, field], ""];
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && source.charAt(i + 1) === "\n") i++;
      records.push([...record, field]);
      [record, field] = [[], ""];
    } else field += char;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

export function labelForIntent(divisions: Banking77Divisions, intent: string): string {
  if (divisions.botIntents.includes(intent)) return "bot";
  const division = divisions.intentToDivision[intent];
  if (division === undefined) throw new Error(`intent ${intent} has no division`);
  return division;
}

/** Train records with ids `banking77-train-NNNNN`, NNNNN being the 0-based record index. */
function loadTrain(dir: string, divisions: Banking77Divisions): Banking77Row[] {
  const [header, ...records] = parseCsv(readFileSync(join(dir, "banking77-train.csv"), "utf8"));
  if (header?.join(",") !== "text,category") throw new Error("banking77-train.csv: unexpected header");
  return records.map((fields, index) => {
    const [text, intent] = fields;
    if (fields.length !== 2 || text === undefined || intent === undefined) throw new Error(`train record ${index}: ${fields.length} fields`);
    return { id: `banking77-train-${String(index).padStart(5, "0")}`, text, intent, label: labelForIntent(divisions, intent) };
  });
}

export type Banking77 = { divisions: Banking77Divisions; examples: Banking77Row[]; dev: Banking77Row[] };

const sameText = (text: string) => chatWords(text).join(" ");

/** The examples exclude every dev id and every dev text; each dev row is checked against the train record it names. */
export function loadBanking77(dir: string = banking77Dir): Banking77 {
  const divisions = divisionsSchema.parse(JSON.parse(readFileSync(join(dir, "banking77-divisions.json"), "utf8")));
  const train = loadTrain(dir, divisions);
  const byId = new Map(train.map((row) => [row.id, row]));
  const lines = readFileSync(join(dir, "banking77-routing-dev.jsonl"), "utf8").split("\n").filter(Boolean);
  const dev = lines.map((line) => {
    const row = devRowSchema.parse(JSON.parse(line));
    const source = byId.get(row.id);
    if (source?.text !== row.text || source.intent !== row.intent) throw new Error(`${row.id} does not match its train record`);
    const label = row.expected.route === "bot" ? "bot" : row.expected.division;
    if (label !== source.label) throw new Error(`${row.id}: expected ${label}, mapping gives ${source.label}`);
    return source;
  });
  const devIds = new Set(dev.map((row) => row.id));
  // BANKING77 repeats some texts on several rows: a dev text must not come back as a training example.
  const devTexts = new Set(dev.map((row) => sameText(row.text)));
  return { divisions, examples: train.filter((row) => !devIds.has(row.id) && !devTexts.has(sameText(row.text))), dev };
}
