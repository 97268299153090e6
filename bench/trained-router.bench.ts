import { loadBanking77 } from "../evals/datasets/banking77/load-banking77.js";
import { decodeClassifier, encodeClassifier } from "../src/ml/classifier/codec.js";
import { classifyText, trainTextClassifier } from "../src/ml/classifier/train.js";
import { embedLocal } from "../src/ml/local-embedding.js";
import { type Aim, type Bench, fixed, numberFlag } from "./lib/bench.js";
import { timeCalls } from "./lib/latency.js";

/**
 * The trained offline router (docs/decisions/0012) on BANKING77: training time, stored size,
 * decoding once per process and version, and the latency of one decision on the dev texts.
 * Baseline: the local embedding of the same text, which the nearest-example path pays before its
 * database query. Flags: --calls=5000 --max-sec=30
 */
const aims = { decisionP95Ms: 1 };

export const trainedRouterBench: Bench = {
  name: "trained-router",
  description: "train the offline router on BANKING77 and time one decision",
  async run(context) {
    const { flags } = context;
    const calls = numberFlag(flags, "calls", 5_000, { min: 100, max: 100_000 });
    const maxSec = numberFlag(flags, "max-sec", 30, { min: 1, max: 600 });
    const data = loadBanking77();
    context.log(`training on ${String(data.examples.length)} examples`);
    const started = performance.now();
    // With their intents, as the BANKING77 bot carries them: 77 classes summed into 9 labels.
    const trained = await trainTextClassifier(data.examples.map((e) => ({ text: e.text, label: e.label, intent: e.intent })));
    const trainMs = performance.now() - started;
    if (!trained) throw new Error("BANKING77 has more than one label");
    const stored = encodeClassifier(trained.classifier);
    const decodeStarted = performance.now();
    const classifier = decodeClassifier(stored);
    const decodeMs = performance.now() - decodeStarted;
    const texts = data.dev.map((row) => row.text);
    const options = { calls, warmup: 200, maxSec };
    const decision = await timeCalls(options, (i) => classifyText(classifier, texts[i % texts.length] ?? ""));
    const embedding = await timeCalls(options, (i) => embedLocal(texts[i % texts.length] ?? ""));
    const aim: Aim = {
      label: `one decision p95 < ${String(aims.decisionP95Ms)} ms`,
      met: decision.p95Ms < aims.decisionP95Ms,
      actual: `${fixed(decision.p95Ms, 3)} ms`,
    };
    const r = trained.report;
    return {
      tables: [
        {
          title: `Trained router: ${String(r.examples)} examples, ${String(r.classes)} classes in ${String(r.labels)} labels, ${String(r.features)} features`,
          columns: ["step", "p50 ms", "p95 ms", "vs baseline (p50)"],
          rows: [
            [
              "one decision (features, scores, probabilities)",
              fixed(decision.p50Ms, 3),
              fixed(decision.p95Ms, 3),
              `${fixed(decision.p50Ms / embedding.p50Ms, 2)}×`,
            ],
            ["baseline: local embedding of the text", fixed(embedding.p50Ms, 3), fixed(embedding.p95Ms, 3), "1.00×"],
          ],
        },
        {
          columns: ["training", "value"],
          rows: [
            ["time", `${fixed(trainMs / 1000, 1)} s`],
            ["held-out accuracy / calibration error", `${fixed(r.heldOutAccuracy * 100, 1)} % / ${fixed(r.heldOutEce, 3)}`],
            ["stored size", `${fixed(stored.length / 1024, 0)} KiB`],
            ["decoded once per process and version", `${fixed(decodeMs, 0)} ms`],
          ],
        },
      ],
      aims: [aim],
      notes: [],
      data: { report: r, trainMs, storedBytes: stored.length, decodeMs, decision, embedding },
    };
  },
};
