// A trained classifier as bytes for the database: gzip over a JSON header (labels, terms, one
// scale per class), the IDF as float32 and the weights quantised to int8 per class (a quarter of
// the size; the scores move by well under a percent of their range). Decoding happens once per
// (bot, model version) and process.
import { gunzipSync, gzipSync } from "node:zlib";
import { featuresVersion } from "./features.js";
import type { TextClassifier } from "./train.js";

type Header = { format: string; labels: string[]; classLabel: number[]; temperature: number; classes: number; columns: number; scales: number[]; terms: string[] };

/** Each class's weights as int8 steps of max|w| / 127. */
function quantise(weights: Float32Array, classes: number): { scales: number[]; steps: Int8Array } {
  const stride = weights.length / classes;
  const steps = new Int8Array(weights.length);
  const scales: number[] = [];
  for (let k = 0; k < classes; k++) {
    let max = 0;
    for (let i = k * stride; i < (k + 1) * stride; i++) max = Math.max(max, Math.abs(weights[i] ?? 0));
    const scale = max > 0 ? max / 127 : 1;
    scales.push(scale);
    for (let i = k * stride; i < (k + 1) * stride; i++) steps[i] = Math.round((weights[i] ?? 0) / scale);
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
  const stride = header.columns + 1;
  const at = 4 + length + header.columns * 4;
  if (at + header.classes * stride > bytes.length) throw new ClassifierFormatError("truncated classifier");
  const steps = new Int8Array(bytes.buffer, bytes.byteOffset + at, header.classes * stride);
  const weights = new Float32Array(header.classes * stride);
  for (let k = 0; k < header.classes; k++) {
    const scale = header.scales[k] ?? 1;
    for (let i = k * stride; i < (k + 1) * stride; i++) weights[i] = (steps[i] ?? 0) * scale;
  }
  return {
    labels: header.labels,
    classLabel: Int32Array.from(header.classLabel),
    temperature: header.temperature,
    vocabulary: { columns: new Map(header.terms.map((t, i) => [t, i])), idf },
    model: { classes: header.classes, columns: header.columns, weights },
  };
}
