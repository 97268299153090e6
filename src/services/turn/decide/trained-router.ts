import type { Logger } from "pino";
import * as modelsQ from "../../../db/queries/routing-models.js";
import type { Db } from "../../../db/client.js";
import { botLabel } from "../../../domain/labels.js";
import { decodeClassifier } from "../../../ml/classifier/codec.js";
import { classifyText, type LabelProbability, type TextClassifier } from "../../../ml/classifier/train.js";

/** A bot's trained router as a turn uses it: which version, and how to read a text. */
export type TrainedRouter = { version: number; classify(text: string, activeLabels: ReadonlySet<string>): LabelProbability[] };

// Decoded models by bot; a turn reads only the version row and decodes again only when it moved.
const cache = new Map<string, { version: number; hash: string; router: TrainedRouter }>();
const maxCachedBots = 200;

/**
 * Probabilities over the labels the bot can use now (its active divisions and "bot"): a label the
 * model knows but the bot no longer has (a division deactivated or deleted since training) is
 * dropped and the rest renormalised, so the router never names a division outside the active set.
 */
function activeOnly(ranked: readonly LabelProbability[], activeLabels: ReadonlySet<string>): LabelProbability[] {
  const kept = ranked.filter((r) => r.label === botLabel || activeLabels.has(r.label));
  const total = kept.reduce((sum, r) => sum + r.probability, 0);
  return total > 0 ? kept.map((r) => ({ ...r, probability: r.probability / total })) : [];
}

function asRouter(version: number, classifier: TextClassifier): TrainedRouter {
  return { version, classify: (text, activeLabels) => activeOnly(classifyText(classifier, text), activeLabels) };
}

function remember(botId: string, version: number, hash: string, router: TrainedRouter): void {
  cache.delete(botId);
  cache.set(botId, { version, hash, router });
  if (cache.size > maxCachedBots) cache.delete(cache.keys().next().value ?? botId);
}

/** The process that trained a model keeps it decoded: its next turn need not read it back. */
export function rememberTrainedRouter(botId: string, version: number, hash: string, classifier: TextClassifier): void {
  remember(botId, version, hash, asRouter(version, classifier));
}

/**
 * The bot's current trained router, or null when it has none (no examples yet, one label only, a
 * model from other feature code). Never throws: without it the nearest-example vote answers.
 */
export async function loadTrainedRouter(db: Db, botId: string, logger?: Logger): Promise<TrainedRouter | null> {
  try {
    const head = await modelsQ.findRoutingModelHead(db, botId);
    if (!head) {
      cache.delete(botId);
      return null;
    }
    const hit = cache.get(botId);
    if (hit && hit.version === head.version && hit.hash === head.trainingHash) return hit.router;
    const row = await modelsQ.findRoutingModel(db, botId);
    if (!row) return null;
    const router = asRouter(row.version, decodeClassifier(row.model));
    remember(botId, row.version, row.trainingHash, router);
    return router;
  } catch (error) {
    logger?.warn({ err: error, botId }, "trained router unavailable; routing with the nearest examples");
    return null;
  }
}
