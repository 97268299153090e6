// Turns evals/datasets/banking77/banking77-divisions.json into a bot export that the eval runner
// imports, so the BANKING77 dev sample runs with one command:
//   npx tsx evals/banking77/convert.ts [--with-examples]   (→ banking77-bot.json, else banking77-bot-keywords.json)
//   npm run eval -- --bot evals/datasets/banking77/banking77-bot.json \
//     --dataset evals/datasets/banking77/banking77-routing-dev.jsonl
// `--with-examples` adds the labelled train rows (minus every dev row) as top-level
// `examples: [{text, label, intent}]`, for the trained router (one class per intent),
// few-shot retrieval and the example vote to read.
// Data: BANKING77 © PolyAI, CC BY 4.0; see evals/datasets/README.md.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseDataset } from "../../src/services/evals/engine/dataset.js";
import { banking77Dir, loadBanking77 } from "../datasets/banking77/load-banking77.js";
import { banking77Bot } from "./build-bot.js";

const { values } = parseArgs({ options: { "with-examples": { type: "boolean" } }, strict: true });
const withExamples = values["with-examples"] === true;
// Two bots: with the train examples (the offline router's real setting) and keywords only (a baseline).
const botFile = join(banking77Dir, withExamples ? "banking77-bot.json" : "banking77-bot-keywords.json");
const devFile = join(banking77Dir, "banking77-routing-dev.jsonl");

const data = loadBanking77();
const doc = banking77Bot(data, { withExamples });
writeFileSync(botFile, `${JSON.stringify(doc, null, 2)}\n`);

// The dev sample is already in the runner's case format (loadBanking77 checked it against train).
const dev = parseDataset(readFileSync(devFile));
const examples = doc.examples === undefined ? "no examples" : `${String(doc.examples.length)} labelled examples`;
console.log(`wrote ${botFile}: ${String(data.divisions.divisions.length)} divisions, ${examples}`);
console.log(`dev sample ${devFile}: ${String(dev.cases.length)} cases, sha256 ${dev.sha256}`);
