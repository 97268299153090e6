import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { botImportSchema } from "../../src/domain/bot-export.js";
import { crossValidate, exportTrainingSet } from "./cross-validate.js";
import { runThresholdsCli } from "./thresholds-cli.js";

const botFile = new URL("../../examples/bots/bank-abc-simple.json", import.meta.url);
const doc = botImportSchema.parse(JSON.parse(readFileSync(botFile, "utf8")));

describe("the confidence-threshold evals", () => {
  it("read every example of the export once, by a router trained without it, keywords apart", async () => {
    const { examples, keywords } = exportTrainingSet(doc);
    expect(examples).toHaveLength(25 + 370);
    // "cs" asks for a person and names no topic: it is no training example.
    expect(keywords.map((k) => k.text)).not.toContain("cs");
    const result = await crossValidate(doc, 3);
    expect(result?.readings.map((r) => r.text).sort()).toEqual(examples.map((e) => e.text).sort());
    const right = result?.readings.filter((r) => r.ranked[0]?.label === r.expected).length ?? 0;
    expect(right / examples.length).toBeGreaterThan(0.75);
  });

  it("print the reliability diagram and the trade-off per threshold, marking the bot's own", async () => {
    let text = "";
    expect(await runThresholdsCli(["--bot", botFile.pathname, "--folds", "3"], (t) => (text += t))).toBe(0);
    expect(text).toContain("395 examples, 3-fold cross-validation");
    expect(text).toMatch(/Expected calibration error 0\.\d{3} over 395 held-out first choices/);
    expect(text).toMatch(/\| 0\.60 \(the bot's\) \| \d+\.\d% \| \d+\.\d% \|/);
    expect(text.match(/^\| 0\.\d\d/gm)).toHaveLength(11);
  });

  it("refuse a missing --bot and a file that is no bot export", async () => {
    let text = "";
    expect(await runThresholdsCli([], (t) => (text += t))).toBe(2);
    expect(text).toContain("--bot is required");
    const notABot = new URL("../../package.json", import.meta.url).pathname;
    expect(await runThresholdsCli(["--bot", notABot], (t) => (text += t))).toBe(2);
    expect(text).toContain("is not a bot export");
    expect(await runThresholdsCli(["--bot", "/nonexistent/bot.json"], (t) => (text += t))).toBe(2);
    expect(text).toContain("--bot /nonexistent/bot.json: ENOENT");
  });
});
