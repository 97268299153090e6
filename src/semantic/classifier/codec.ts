// A trained classifier as bytes for the database: gzip over a JSON header (labels, terms) and the
// IDF and weight arrays as little-endian float32. Decoding happens once per (bot, model version).
import { gunzipSync, gzipSync } from "node:zlib";
import { featuresVersion } from "./features.js";
import type { TextClassifier } from "./train.js";

type Header = { format: string; labels: string[]; classLabel: number[]; temperature: number; classes: number; columns: number; terms: string[] };

export class ClassifierFormatError extends Error {
  override name = "ClassifierFormatError";
}

export function encodeClassifier(classifier: TextClassifier): Buffer {
  const terms: string[] = new Array<string>(classifier.vocabulary.idf.length);
  for (const [term, column] of classifier.vocabulary.columns) terms[column] = term;
  const header: Header = {
    format: featuresVersion,
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
  return gzipSync(Buffer.concat([length, json, floats(classifier.vocabulary.idf), floats(classifier.model.weights)]));
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
  const weights = readFloats(bytes, 4 + length + header.columns * 4, header.classes * (header.columns + 1));
  return {
    labels: header.labels,
    classLabel: Int32Array.from(header.classLabel),
    temperature: header.temperature,
    vocabulary: { columns: new Map(header.terms.map((t, i) => [t, i])), idf },
    model: { classes: header.classes, columns: header.columns, weights },
  };
}
