import * as examplesQ from "../../db/queries/examples.js";
import { analyzeVectorTables } from "../../db/queries/vector-search.js";
import * as jobsQ from "../../db/queries/jobs.js";
import * as knowledgeQ from "../../db/queries/knowledge.js";
import type { Db } from "../../db/client.js";
import type { ServiceDeps } from "../context.js";
import type { JobHandler } from "../queue/queue-worker.js";
import { maxAttempts, queues, reembedKey } from "../queue/queues.js";
import { embedTexts } from "./embed-texts.js";

const batch = 200;

/** Queues one re-embedding pass; passes of all processes share one ordering key, so they never overlap. */
export async function enqueueReembed(db: Db, now: Date): Promise<void> {
  await jobsQ.insertJobs(db, [{ queue: queues.reembed, botId: "-", orderingKey: reembedKey, payload: {}, maxAttempts: maxAttempts.reembed, runAt: now }], now);
}

/** Is anything stored with another model (or none) than the current one? */
export async function needsReembed(deps: Pick<ServiceDeps, "db" | "embedder">): Promise<boolean> {
  const model = deps.embedder.model;
  return (await examplesQ.examplesToEmbed(deps.db, model, 1)).length > 0 || (await knowledgeQ.chunksToEmbed(deps.db, model, 1)).length > 0;
}

/**
 * After the embeddings model changes, vectors are rebuilt in the background, a batch per job.
 * Queries filter on the current model, so until a row is re-embedded it is simply not found:
 * a query never compares vectors of two models.
 */
export function createReembedHandler(deps: ServiceDeps): JobHandler {
  return async () => {
    const model = deps.embedder.model;
    const examples = await examplesQ.examplesToEmbed(deps.db, model, batch);
    const chunks = await knowledgeQ.chunksToEmbed(deps.db, model, batch);
    const exampleVectors = await embedTexts(
      deps.embedder,
      examples.map((e) => e.text),
    );
    const chunkVectors = await embedTexts(
      deps.embedder,
      chunks.map((c) => c.text),
    );
    const more = examples.length === batch || chunks.length === batch;
    return {
      type: "done",
      result: { examples: examples.length, chunks: chunks.length, more },
      commit: async (tx) => {
        await examplesQ.setExampleEmbeddings(
          tx,
          examples.map((e, i) => ({ id: e.id, embedding: exampleVectors[i] ?? null, model })),
        );
        await knowledgeQ.setChunkEmbeddings(
          tx,
          chunks.map((c, i) => ({ id: c.id, embedding: chunkVectors[i] ?? null, model })),
        );
        if (more) await enqueueReembed(tx, deps.clock.now().toJSDate());
        else await analyzeVectorTables(tx);
      },
    };
  };
}
