import { createHash } from "node:crypto";
import type { Db } from "../../db/client.js";
import * as divisionsQ from "../../db/queries/divisions.js";
import * as examplesQ from "../../db/queries/examples.js";
import * as jobsQ from "../../db/queries/jobs.js";
import * as modelsQ from "../../db/queries/routing-models.js";
import { botLabel } from "../../domain/labels.js";
import { encodeClassifier } from "../../ml/classifier/codec.js";
import { featuresVersion } from "../../ml/classifier/features.js";
import type { Pause } from "../../ml/classifier/linear-svm.js";
import { defaultTrainOptions, type TrainingExample, trainTextClassifier } from "../../ml/classifier/train.js";
import type { ServiceDeps } from "../context.js";
import type { JobHandler } from "../queue/queue-worker.js";
import { maxAttempts, queues, trainRouterKey } from "../queue/queues.js";
import { asksForHuman } from "../turn/decide/human-intent-router.js";
import { rememberTrainedRouter } from "../turn/decide/trained-router.js";

/**
 * Asks for the bot's router to be trained again, in the transaction that changed its examples or
 * keywords: the change and the request commit together. Jobs of one bot run one at a time, and one
 * that finds the data unchanged since the stored model does nothing, so bursts cost one training.
 */
export async function enqueueRouterTraining(tx: Db, botId: string, now: Date): Promise<void> {
  // A bot without examples has nothing to train (keywords alone are not enough, see trainingSet).
  if ((await examplesQ.countExamples(tx, botId)) === 0 && !(await modelsQ.findRoutingModelHead(tx, botId))) return;
  await jobsQ.insertJobs(
    tx,
    [{ queue: queues.trainRouter, botId, orderingKey: trainRouterKey(botId), payload: {}, maxAttempts: maxAttempts.trainRouter, runAt: now }],
    now,
  );
}

/**
 * What the router learns from: the labelled examples (division ids and "bot"; at least two labels,
 * else nothing) with their intents, and each division keyword as a short example of its division,
 * so a keyword an admin wrote is known even before anyone writes an example with it. Keywords that
 * only ask for a person ("cs", "agen") name no topic and are left out, as are examples of deleted
 * divisions. Pure, so the threshold evals assemble an export's training data the same way.
 */
export function assembleTrainingSet(
  divisions: readonly { id: string; keywords: readonly string[] }[],
  labelled: readonly TrainingExample[],
): { examples: TrainingExample[]; keywords: TrainingExample[] } {
  const known = new Set([botLabel, ...divisions.map((d) => d.id)]);
  const examples = labelled.filter((e) => known.has(e.label) && e.text.trim() !== "");
  // Keywords alone teach nothing about what is not a handover: such a bot keeps its keyword intents.
  if (new Set(examples.map((e) => e.label)).size < 2) return { examples: [], keywords: [] };
  const keywords = divisions.flatMap((d) => d.keywords.filter((k) => asksForHuman(k) === undefined).map((k) => ({ text: k, label: d.id })));
  return { examples, keywords };
}

/** The bot's training data as stored now (see assembleTrainingSet). */
export async function trainingSet(db: Db, botId: string): Promise<TrainingExample[]> {
  const { examples, keywords } = assembleTrainingSet(await divisionsQ.listDivisions(db, botId), await examplesQ.listTrainingExamples(db, botId));
  return [...examples, ...keywords];
}

export function trainingHash(examples: readonly TrainingExample[]): string {
  const hash = createHash("sha256").update(`${featuresVersion}\n${JSON.stringify(defaultTrainOptions)}\n`);
  // An example without intent hashes as before intents existed: such bots are not retrained for them.
  for (const line of examples.map((e) => `${e.label}\t${e.text}${e.intent ? `\t${e.intent}` : ""}`).sort()) hash.update(`${line}\n`);
  return hash.digest("hex");
}

// Between epochs the training gives the event loop back, so turns keep their milliseconds.
const yieldToTurns: Pause = () => new Promise((resolve) => setImmediate(resolve));

export type TrainingOutcome = { status: "trained"; version: number; report: Record<string, unknown> } | { status: "unchanged" } | { status: "removed" };

/** Trains the bot's router from its current data and returns how to store it (`commit`). */
export async function prepareRouterTraining(
  deps: Pick<ServiceDeps, "db" | "clock">,
  botId: string,
  pause: Pause = yieldToTurns,
): Promise<{ outcome: TrainingOutcome["status"]; commit: (tx: Db) => Promise<TrainingOutcome> }> {
  const examples = await trainingSet(deps.db, botId);
  const hash = trainingHash(examples);
  if ((await modelsQ.findTrainingHash(deps.db, botId)) === hash) return { outcome: "unchanged", commit: () => Promise.resolve({ status: "unchanged" }) };
  const started = performance.now();
  const trained = await trainTextClassifier(examples, defaultTrainOptions, pause);
  if (!trained) {
    return {
      outcome: "removed",
      commit: async (tx) => {
        await modelsQ.deleteRoutingModel(tx, botId);
        return { status: "removed" };
      },
    };
  }
  const report = { ...trained.report, trainMs: Math.round(performance.now() - started) };
  const model = encodeClassifier(trained.classifier);
  const trainedAt = deps.clock.now().toJSDate();
  return {
    outcome: "trained",
    commit: async (tx) => {
      const version = await modelsQ.saveRoutingModel(tx, { botId, trainingHash: hash, model, report, trainedAt });
      // Cached under the version and hash it is stored with: were the transaction rolled back, the
      // next turn would see another head and read the stored model instead.
      rememberTrainedRouter(botId, version, hash, trained.classifier);
      return { status: "trained", version, report };
    },
  };
}

/** Trains now and stores the result (evals, the impact preview): no queue involved. */
export async function trainRouterNow(deps: Pick<ServiceDeps, "db" | "clock">, botId: string): Promise<TrainingOutcome> {
  const prepared = await prepareRouterTraining(deps, botId, () => Promise.resolve());
  return deps.db.transaction((tx) => prepared.commit(tx));
}

/** The queue's handler: training runs outside any transaction; the model is stored as the job completes. */
export function createTrainRouterHandler(deps: Pick<ServiceDeps, "db" | "clock">): JobHandler {
  return async (job) => {
    const prepared = await prepareRouterTraining(deps, job.botId);
    return {
      type: "done",
      result: { outcome: prepared.outcome },
      commit: async (tx) => {
        await prepared.commit(tx);
      },
    };
  };
}
