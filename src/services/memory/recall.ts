import type { Logger } from "pino";
import * as examplesQ from "../../db/queries/examples.js";
import * as knowledgeQ from "../../db/queries/knowledge.js";
import { type VoteResult, vote } from "../../ml/nearest-vote.js";
import type { ServiceDeps } from "../context.js";
import { embedTexts } from "./embed-texts.js";

/** What the bot's semantic memory says about one turn. */
export type Recall = {
  /** Nearest labelled examples, most similar first (few-shot for the LLM). */
  examples: { text: string; label: string; similarity: number }[];
  /** The nearest-example vote (the offline fallback's second stage); null with no examples. */
  vote: VoteResult | null;
  /** Knowledge passages above the relevance floor, most similar first. */
  knowledge: { text: string; similarity: number }[];
};

export const emptyRecall: Recall = { examples: [], vote: null, knowledge: [] };

export const recallLimits = { neighbours: 10, knowledge: 3, knowledgeFloor: 0.2 };

/**
 * One embedding of the turn, two nearest-neighbour queries (examples and knowledge), each only
 * over vectors of the current model. A failing embeddings provider must not stop the turn: the
 * caller logs it and routes without memory.
 */
export async function recallForTurn(deps: Pick<ServiceDeps, "db" | "embedder">, botId: string, text: string): Promise<Recall> {
  if (!text.trim()) return emptyRecall;
  const [vector] = await embedTexts(deps.embedder, [text]);
  if (!vector) return emptyRecall;
  const model = deps.embedder.model;
  const neighbours = await examplesQ.nearestExamples(deps.db, botId, model, vector, recallLimits.neighbours);
  const chunks = await knowledgeQ.nearestChunks(deps.db, botId, model, vector, recallLimits.knowledge);
  return {
    examples: neighbours.map((n) => ({ text: n.text, label: n.label, similarity: n.similarity })),
    vote: neighbours.length > 0 ? vote(neighbours) : null,
    knowledge: chunks.filter((c) => c.similarity >= recallLimits.knowledgeFloor),
  };
}

/** Memory helps routing but must never block it: an embeddings outage routes without it. */
export async function recallOrNothing(deps: Pick<ServiceDeps, "db" | "embedder"> & { logger: Logger }, botId: string, text: string): Promise<Recall> {
  try {
    return await recallForTurn(deps, botId, text);
  } catch (error) {
    deps.logger.warn({ err: error, botId }, "semantic recall failed; routing without examples and knowledge");
    return emptyRecall;
  }
}
