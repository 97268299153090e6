import { describe, expect, it } from "vitest";
import { vote, type Neighbour } from "./nearest-vote.js";

const n = (label: string, similarity: number): Neighbour => ({ label, similarity });

describe("vote", () => {
  it("returns the label with the most weight and its share as confidence", () => {
    const result = vote([n("cards", 0.8), n("cards", 0.7), n("bot", 0.75)], { k: 3, power: 1, minConfidence: 0.5, minSimilarity: 0 });
    expect(result.label).toBe("cards");
    expect(result.confidence).toBeCloseTo(1.5 / 2.25, 6);
    expect(result.runnerUp).toEqual([{ label: "bot", score: expect.closeTo(0.75 / 2.25, 6) }]);
    expect(result.abstain).toBe(false);
  });

  it("lets a high power favour one very close example over several distant ones", () => {
    const neighbours = [n("fraud_security", 0.95), n("cards", 0.6), n("cards", 0.58), n("cards", 0.55)];
    expect(vote(neighbours, { k: 4, power: 0, minConfidence: 0, minSimilarity: 0 }).label).toBe("cards");
    expect(vote(neighbours, { k: 4, power: 8, minConfidence: 0, minSimilarity: 0 }).label).toBe("fraud_security");
  });

  it("sorts its input and only counts the k nearest", () => {
    const neighbours = [n("bot", 0.3), n("bot", 0.31), n("transfers", 0.9), n("bot", 0.32)];
    const result = vote(neighbours, { k: 1, power: 1, minConfidence: 0, minSimilarity: 0 });
    expect(result).toEqual({ label: "transfers", confidence: 1, runnerUp: [], abstain: false });
  });

  it("abstains when the vote is split, but still names the leader", () => {
    const result = vote([n("transfers", 0.8), n("topups", 0.79), n("cards", 0.78)], { k: 3, power: 1, minConfidence: 0.5, minSimilarity: 0 });
    expect(result.label).toBe("transfers");
    expect(result.abstain).toBe(true);
    expect(result.runnerUp.map((r) => r.label)).toEqual(["topups", "cards"]);
  });

  it("abstains when even the nearest example is far away", () => {
    const result = vote([n("account", 0.15), n("account", 0.12)], { k: 2, power: 1, minConfidence: 0.5, minSimilarity: 0.2 });
    expect(result).toMatchObject({ label: "account", confidence: 1, abstain: true });
  });

  it("abstains with no label when there is nothing to vote on", () => {
    expect(vote([])).toEqual({ label: null, confidence: 0, runnerUp: [], abstain: true });
    expect(vote([n("cards", -0.4)], { power: 0 })).toEqual({ label: "cards", confidence: 0, runnerUp: [], abstain: true });
  });

  it("gives dissimilar examples (negative cosine) no say", () => {
    const result = vote([n("bot", 0.5), n("cards", -0.9), n("cards", -0.8)], { k: 3, power: 1, minConfidence: 0.9, minSimilarity: 0 });
    expect(result).toMatchObject({ label: "bot", confidence: 1, abstain: false });
  });

  it("by default, abstains on off-topic turns and answers clear ones", () => {
    expect(vote([n("bot", 0.3), n("bot", 0.29)]).abstain).toBe(true);
    expect(vote([n("cards", 0.8), n("cards", 0.7), n("bot", 0.5)])).toMatchObject({ label: "cards", abstain: false });
  });

  it("is deterministic when similarities tie (input order breaks the tie)", () => {
    const tie = [n("cards", 0.5), n("bot", 0.5)];
    expect(vote(tie, { k: 2, power: 1, minConfidence: 0, minSimilarity: 0 }).label).toBe("cards");
    expect(vote([...tie].reverse(), { k: 2, power: 1, minConfidence: 0, minSimilarity: 0 }).label).toBe("bot");
  });
});
