// A trained classifier as bytes for the database: gzip over a JSON header (labels, terms, one
// scale per class), the IDF as float32 and the weights quantised to int8 per class (a quarter of
// the size; the scores move by well under a percent of their range). Decoding happens once per
// (bot, model version) and process.
import { gunzipSync, gzipSync } from "node:zlib";
import { featuresVersion } from "./features.js";
import type { TextClassifier } from "./train.js";

type Header = {
  format: string;
  labels: string[];
  classLabel: number[];
  classIntent?: (string | null)[];
  temperature: number;
  classes: number;
  columns: number;
  scales: number[];
  terms: string[];
};

/** Each class's weights as int8 steps of max|w| / 127 (weights are feature-major: class k is every k-th). */
function quantise(weights: Float32Array, classes: number): { scales: number[]; steps: Int8Array } {
  const max = new Float64Array(classes);
  for (let row = 0; row < weights.length; row += classes) {
    for (let k = 0; k < classes; k++) max[k] = Math.max(max[k] ?? 0, Math.abs(weights[row + k] ?? 0));
  }
  const scales = Array.from(max, (m) => (m > 0 ? m / 127 : 1));
  const steps = new Int8Array(weights.length);
  for (let row = 0; row < weights.length; row += classes) {
    for (let k = 0; k < classes; k++) steps[row + k] = Math.round((weights[row + k] ?? 0) / (scales[k] ?? 1));
  }
  return { scales, steps };
}

export class ClassifierFormatError extends Error {
  override name = "ClassifierFormatError";
}

export function encodeClassifier(classifier: TextClassifier): Buffer {
  const terms: string[] = new Array<string>(classifier.vocabulary.idf.length);
  for (const [term, column] of classifier.vocabulary.columns) terms[column] = term;
  const { scales, steps } = quantise(classifier.model.weights, classifier.model.classes);
  const header: Header = {
    format: featuresVersion,
    scales,
    labels: classifier.labels,
    classLabel: [...classifier.classLabel],
    classIntent: classifier.classIntent,
    temperature: classifier.temperature,
    classes: classifier.model.classes,
    columns: classifier.model.columns,
    terms,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const floats = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return gzipSync(Buffer.concat([length, json, floats(classifier.vocabulary.idf), Buffer.from(steps.buffer, steps.byteOffset, steps.byteLength)]));
}

function readFloats(bytes: Buffer, offset: number, count: number): Float32Array {
  if (offset + count * 4 > bytes.length) throw new ClassifierFormatError("truncated classifier");
  // Copied out: a Float32Array view needs 4-byte alignment, which the header length does not give.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
}

/** Decodes a stored classifier; one built by other feature code is refused (it would read other terms). */
export function decodeClassifier(stored: Uint8Array): TextClassifier {
  const bytes = gunzipSync(stored);
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")) as Header;
  if (header.format !== featuresVersion) throw new ClassifierFormatError(`classifier format ${header.format}, expected ${featuresVersion}`);
  const idf = readFloats(bytes, 4 + length, header.columns);
  const count = header.classes * (header.columns + 1);
  const at = 4 + length + header.columns * 4;
  if (at + count > bytes.length) throw new ClassifierFormatError("truncated classifier");
  const steps = new Int8Array(bytes.buffer, bytes.byteOffset + at, count);
  const scales = Float64Array.from(header.scales);
  const weights = new Float32Array(count);
  // Plain loops: this runs over millions of weights for a large bot, once per process and version.
  for (let row = 0; row < count; row += header.classes) {
    for (let k = 0; k < header.classes; k++) weights[row + k] = (steps[row + k] ?? 0) * (scales[k] ?? 1);
  }
  return {
    labels: header.labels,
    classLabel: Int32Array.from(header.classLabel),
    // Models stored before intents existed name none.
    classIntent: header.classIntent ?? header.classLabel.map(() => null),
    temperature: header.temperature,
    vocabulary: { columns: new Map(header.terms.map((t, i) => [t, i])), idf },
    model: { classes: header.classes, columns: header.columns, weights },
  };
}
