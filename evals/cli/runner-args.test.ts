import { describe, expect, it } from "vitest";
import { parseRunnerArgs } from "./runner-args.js";

const base = ["--bot", "b.json", "--dataset", "d.jsonl"];

describe("parseRunnerArgs", () => {
  it("applies the defaults", () => {
    expect(parseRunnerArgs(base)).toEqual({
      kind: "run",
      args: {
        bot: "b.json",
        dataset: "d.jsonl",
        provider: undefined,
        model: undefined,
        out: undefined,
        baseline: undefined,
        minAccuracy: undefined,
        minHandoverRecall: undefined,
        concurrency: 4,
        cache: true,
        cacheDir: undefined,
        allowOverlap: false,
      },
    });
  });

  it("reads every flag", () => {
    const parsed = parseRunnerArgs([
      ...base,
      "--provider",
      "openai",
      "--model",
      "gpt-4o",
      "--out",
      "o",
      "--baseline",
      "r.json",
      "--min-accuracy",
      "0.55",
      "--min-handover-recall",
      "0.97",
      "--concurrency",
      "8",
      "--no-cache",
      "--cache-dir",
      "c",
      "--allow-overlap",
    ]);
    expect(parsed).toEqual({
      kind: "run",
      args: {
        bot: "b.json",
        dataset: "d.jsonl",
        provider: "openai",
        model: "gpt-4o",
        out: "o",
        baseline: "r.json",
        minAccuracy: 0.55,
        minHandoverRecall: 0.97,
        concurrency: 8,
        cache: false,
        cacheDir: "c",
        allowOverlap: true,
      },
    });
  });

  it.each([
    [["--dataset", "d.jsonl"], "--bot <export.json> is required"],
    [["--bot", "b.json"], "--dataset <cases.jsonl> is required"],
    [[...base, "--provider", "gemini"], '--provider must be one of none, openai, anthropic (got "gemini")'],
    [[...base, "--min-accuracy", "high"], "--min-accuracy must be a number from 0 to 1"],
    [[...base, "--min-accuracy=-0.1"], "--min-accuracy must be a number from 0 to 1"],
    [[...base, "--min-accuracy", "1.01"], "--min-accuracy must be a number from 0 to 1"],
    [[...base, "--min-handover-recall", "97"], "--min-handover-recall must be a number from 0 to 1"],
    [[...base, "--concurrency", "0"], "--concurrency must be a whole number from 1 to 64"],
    [[...base, "--concurrency", "2.5"], "--concurrency must be a whole number from 1 to 64"],
    [[...base, "--verbose"], "Unknown option '--verbose'"],
    [[...base, "extra"], "Unexpected argument 'extra'"],
  ])("rejects %j", (argv, message) => {
    const parsed = parseRunnerArgs(argv);
    expect(parsed.kind).toBe("error");
    expect(parsed.kind === "error" && parsed.message).toContain(message);
  });

  it("asks for help", () => {
    expect(parseRunnerArgs(["-h"])).toEqual({ kind: "help" });
  });
});
