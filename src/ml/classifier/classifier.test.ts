import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fitTemperature, reliability, softmax } from "./calibration.js";
import { ClassifierFormatError, decodeClassifier, encodeClassifier } from "./codec.js";
import { buildVocabulary, termCounts, vectorize } from "./features.js";
import { seededRandom } from "../../../lib/seeded-random.js";
import { decisionValues, trainLinearSvm } from "./linear-svm.js";
import { sphericalKMeans } from "./subclasses.js";
import { classifyText, trainTextClassifier } from "./train.js";

const fail = (): never => {
  throw new Error("no classifier");
};

const examples = [
  ...[
    "kartu kredit saya diblokir",
    "limit cc turun",
    "kartu atm ketelen mesin",
    "tagihan kartu kredit salah",
    "mau ganti pin kartu debit",
    "my credit card is blocked",
    "kartu debit patah minta ganti",
    "iuran tahunan kartu kredit mahal",
  ].map((text) => ({ text, label: "cards" })),
  ...[
    "ada transaksi yang bukan saya",
    "saya ketipu kasih otp",
    "akun mbanking diretas",
    "saldo hilang tanpa transaksi",
    "someone hacked my account",
    "ada yang telpon ngaku bank minta otp",
    "kartu saya dipakai orang lain belanja",
    "link phishing atas nama bank",
  ].map((text) => ({ text, label: "fraud" })),
  ...[
    "halo selamat pagi",
    "terima kasih infonya",
    "jam buka cabang",
    "kurs dollar hari ini",
    "ada promo apa",
    "cara buka rekening online",
    "thanks a lot",
    "lokasi atm terdekat",
  ].map((text) => ({ text, label: "bot" })),
];

describe("features", () => {
  it("counts words, word pairs and character n-grams inside words, as written and in standard form", () => {
    const { words, chars } = termCounts("tf gagal");
    expect([...words.keys()]).toEqual(["w:tf", "b:tf gagal", "w:gagal", "w:transfer", "b:transfer gagal"]);
    expect(chars.get("c: tf ")).toBe(1);
    expect(chars.has("c:ga")).toBe(true);
  });

  it("weights by TF-IDF and scales each group to unit length", () => {
    const texts = ["kartu hilang", "kartu baru", "saldo hilang"].map(termCounts);
    const vocabulary = buildVocabulary(texts, 1);
    const v = vectorize(termCounts("kartu hilang"), vocabulary);
    const norm = Array.from(v.value).reduce((s, x) => s + x * x, 0);
    expect(norm).toBeCloseTo(2, 5);
    expect(vectorize(termCounts("zzz"), vocabulary).index.length).toBe(0);
  });
});

describe("the linear SVM", () => {
  it("separates separable classes, the same way on every run", async () => {
    const counts = examples.map((e) => termCounts(e.text));
    const vocabulary = buildVocabulary(counts, 1);
    const rows = counts.map((c) => vectorize(c, vocabulary));
    const labels = Int32Array.from(examples, (e) => ["bot", "cards", "fraud"].indexOf(e.label));
    const shape = { classes: 3, columns: vocabulary.idf.length };
    const model = await trainLinearSvm(rows, labels, shape);
    rows.forEach((row, i) => {
      const scores = decisionValues(model, row);
      expect(scores.indexOf(Math.max(...scores)), examples[i]?.text).toBe(labels[i]);
    });
    expect((await trainLinearSvm(rows, labels, shape)).weights).toEqual(model.weights);
  });
});

describe("calibration", () => {
  it("recovers the temperature that generated the labels", () => {
    const random = seededRandom(3);
    const scores: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = Float64Array.from({ length: 4 }, () => random() * 2 - 1);
      const p = softmax(s, 0.25);
      let u = random();
      let label = 0;
      while (label < 3 && u > (p[label] ?? 0)) u -= p[label++] ?? 0;
      scores.push(s);
      labels.push(label);
    }
    expect(fitTemperature(scores, labels, [0, 1, 2, 3], 4)).toBeCloseTo(0.25, 1);
  });

  it("measures the expected calibration error per confidence bin", () => {
    const calibrated = Array.from({ length: 100 }, (_, i) => ({ confidence: 0.75, correct: i % 4 !== 0 }));
    expect(reliability(calibrated).ece).toBeCloseTo(0, 6);
    const overconfident = Array.from({ length: 100 }, (_, i) => ({ confidence: 0.95, correct: i % 2 === 0 }));
    const { ece, bins } = reliability(overconfident);
    expect(ece).toBeCloseTo(0.45, 6);
    expect(bins[9]).toMatchObject({ count: 100, accuracy: 0.5 });
  });
});

describe("sub-classes", () => {
  it("splits a label's examples into their topics", () => {
    const texts = ["halo pagi", "halo siang", "halo malam", "kurs dollar", "kurs euro", "kurs yen"];
    const counts = texts.map(termCounts);
    const vocabulary = buildVocabulary(counts, 1);
    const cluster = sphericalKMeans(
      counts.map((c) => vectorize(c, vocabulary)),
      2,
      vocabulary.idf.length,
      1,
    );
    expect(new Set(cluster.slice(0, 3)).size).toBe(1);
    expect(new Set(cluster.slice(3)).size).toBe(1);
    expect(cluster[0]).not.toBe(cluster[3]);
  });
});

describe("the text classifier", () => {
  it("routes unseen slang and code-mixed paraphrases, with probabilities that sum to one", async () => {
    const trained = await trainTextClassifier(examples);
    expect(trained?.report).toMatchObject({ examples: 24, labels: 3, folds: 5, heldOutExamples: 24 });
    const classifier = trained?.classifier;
    if (!classifier) throw new Error("no classifier");
    for (const [text, label] of [
      ["cc sy keblokirrr", "cards"],
      ["ada yg ngaku dr bank minta kode otp", "fraud"],
      ["makasih ya kak", "bot"],
    ] as const) {
      const ranked = classifyText(classifier, text);
      expect(ranked[0]?.label, text).toBe(label);
      expect(ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 6);
    }
  });

  it("learns one class per intent and sums the intents' probabilities into their label", async () => {
    const withIntents = examples.map((e, i) => ({ ...e, intent: `${e.label}-${String(i % 2)}` }));
    const trained = await trainTextClassifier(withIntents);
    expect(trained?.report).toMatchObject({ labels: 3, classes: 6, intents: 6 });
    const classifier = trained?.classifier;
    if (!classifier) throw new Error("no classifier");
    expect(classifier.classIntent).toEqual(["cards-0", "cards-1", "fraud-0", "fraud-1", "bot-0", "bot-1"]);
    const x = vectorize(termCounts("kartu kredit saya diblokir"), classifier.vocabulary);
    const perClass = softmax(decisionValues(classifier.model, x), classifier.temperature);
    const ranked = classifyText(classifier, "kartu kredit saya diblokir");
    expect(ranked[0]).toMatchObject({ label: "cards", intent: "cards-0" });
    expect(ranked[0]?.probability).toBeCloseTo((perClass[0] ?? 0) + (perClass[1] ?? 0), 9);
  });

  it("keeps sub-classes for the examples of a label that carry no intent", async () => {
    const mixed = examples.map((e) => (e.label === "fraud" ? { ...e, intent: "fraud_report" } : e));
    const trained = await trainTextClassifier(mixed);
    expect(trained?.classifier.classIntent).toEqual([null, "fraud_report", null]);
    expect(classifyText(trained?.classifier ?? fail(), "halo kak")[0]).toMatchObject({ label: "bot", intent: undefined });
  });

  it("has nothing to learn from one label", async () => {
    expect(await trainTextClassifier(examples.filter((e) => e.label === "bot"))).toBeNull();
  });

  it("survives the database: the decoded classifier ranks like the trained one", async () => {
    const classifier = (await trainTextClassifier(examples))?.classifier;
    if (!classifier) throw new Error("no classifier");
    const decoded = decodeClassifier(encodeClassifier(classifier));
    for (const text of ["kartu debit saya hilang", "saldo berkurang sendiri", "selamat siang"]) {
      const [a, b] = [classifyText(classifier, text), classifyText(decoded, text)];
      expect(b.map((r) => r.label)).toEqual(a.map((r) => r.label));
      b.forEach((r, i) => {
        expect(r.probability).toBeCloseTo(a[i]?.probability ?? 0, 2);
      });
    }
  });

  it("reads a classifier stored before intents existed as one without intents", async () => {
    const classifier = (await trainTextClassifier(examples))?.classifier ?? fail();
    const bytes = gunzipSync(encodeClassifier(classifier));
    const length = bytes.readUInt32LE(0);
    const { classIntent: _, ...header } = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Record<string, unknown>;
    const json = Buffer.from(JSON.stringify(header), "utf8");
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32LE(json.length);
    const decoded = decodeClassifier(gzipSync(Buffer.concat([prefix, json, bytes.subarray(4 + length)])));
    expect(decoded.classIntent).toEqual([null, null, null]);
    expect(classifyText(decoded, "kartu debit saya hilang")[0]?.label).toBe("cards");
  });

  it("refuses a stored classifier built by other feature code", async () => {
    const classifier = (await trainTextClassifier(examples))?.classifier;
    if (!classifier) throw new Error("no classifier");
    const bytes = gunzipSync(encodeClassifier(classifier));
    const tampered = Buffer.from(bytes.toString("latin1").replace("switchboard-tfidf-svm-v2", "switchboard-tfidf-svm-v0"), "latin1");
    expect(() => decodeClassifier(gzipSync(tampered))).toThrow(ClassifierFormatError);
  });
});
