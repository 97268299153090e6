import { chatWords } from "../../src/text/normalize-text.js";
import type { BotImport } from "../../src/domain/bot-export.js";
import { divisionExampleParts } from "../../src/domain/example.js";
import { type EvalCase, isCustomerRole } from "../../src/services/evals/engine/dataset.js";

const normalised = (text: string) => chatWords(text).join(" ");

/** Every text the bot learns from: its examples and its divisions' own example lists. */
function trainingTexts(doc: BotImport): Set<string> {
  const texts = [...doc.examples.map((e) => e.text), ...doc.divisions.flatMap((d) => d.examples.map((e) => divisionExampleParts(e).text))];
  return new Set(texts.map(normalised).filter((t) => t !== ""));
}

/**
 * Cases with a customer turn that is also one of the bot's training examples, compared after
 * normalising case, punctuation and chat spelling ("gak" = "tidak"): such a case tests recall of
 * the training data, not routing.
 */
export function casesInTrainingData(doc: BotImport, cases: readonly EvalCase[]): { id: string; text: string }[] {
  const training = trainingTexts(doc);
  return cases.flatMap((c) => {
    const texts = c.text !== undefined ? [c.text] : (c.turns ?? []).filter((t) => isCustomerRole(t.role)).map((t) => t.text);
    const hit = texts.find((t) => training.has(normalised(t)));
    return hit === undefined ? [] : [{ id: c.id, text: hit }];
  });
}
