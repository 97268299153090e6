import { describe, expect, it } from "vitest";
import { atLeast, firstRelease, parseRelease } from "./inbox-version.js";

describe("the inbox's version", () => {
  it("is read from GET /api's version, also with a fork's prefix or suffix", () => {
    expect(parseRelease("4.15.1")).toEqual([4, 15, 1]);
    expect(parseRelease("v4.11.2-kata")).toEqual([4, 11, 2]);
    expect(parseRelease("3.7")).toEqual([3, 7, 0]);
    expect(parseRelease("develop")).toBeNull();
  });

  it("decides what the bot may ask for: typing from 4.11.2, custom attributes from 1.21.0", () => {
    const may = (version: string, feature: keyof typeof firstRelease) => {
      const release = parseRelease(version);
      return release !== null && atLeast(release, firstRelease[feature]);
    };
    expect([may("4.11.1", "botTyping"), may("4.11.2", "botTyping"), may("4.12.0", "botTyping"), may("5.0.0", "botTyping")]).toEqual([false, true, true, true]);
    expect([may("1.18.0", "customAttributes"), may("1.21.0", "customAttributes"), may("4.15.1", "customAttributes")]).toEqual([false, true, true]);
  });
});
