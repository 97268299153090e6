import { describe, expect, it } from "vitest";
import { maxNestingDepth, readDeliveryBody } from "./delivery-body.js";

const nested = (levels: number, inner = '"x"') => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;
const enc = (text: string) => new TextEncoder().encode(text);
const problem = (text: string) => {
  const reading = readDeliveryBody(enc(text));
  return reading.ok ? "ok" : reading.problem;
};

describe("readDeliveryBody: nesting", () => {
  it.each([
    ["exactly the limit", nested(maxNestingDepth), "ok"],
    ["one level more", nested(maxNestingDepth + 1), "too_deep"],
    ["arrays count as levels", `${"[".repeat(maxNestingDepth + 1)}${"]".repeat(maxNestingDepth + 1)}`, "too_deep"],
    ["brackets inside a string count for nothing", nested(3, JSON.stringify("{[".repeat(200))), "ok"],
    ["an escaped quote does not end the string", nested(3, JSON.stringify(`say \\"${"{".repeat(100)}`)), "ok"],
    ["an escaped backslash before the closing quote ends it", `{"b":"x\\\\",${nested(maxNestingDepth + 1).slice(1)}`, "too_deep"],
    ["siblings are not deeper than their parent", `[${Array.from({ length: 200 }, () => "{}").join(",")}]`, "ok"],
    ["an unterminated string is not JSON", '{"a":"{{{{', "not_json"],
  ])("%s", (_, text, expected) => {
    expect(problem(text)).toBe(expected);
  });
});
