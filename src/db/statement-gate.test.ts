import { describe, expect, it } from "vitest";
import { createStatementGate } from "./statement-gate.js";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A background operation that finishes when told to, recording when it started. */
function operation(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish,
  };
}

describe("statement gate", () => {
  it("runs background operations one at a time, in arrival order", async () => {
    const gate = createStatementGate();
    const log: string[] = [];
    const [a, b] = [operation(log, "a"), operation(log, "b")];
    const runs = [gate.background(a.run), gate.background(b.run)];
    await tick();
    expect(log).toEqual(["start a"]);
    a.finish();
    await tick();
    expect(log).toEqual(["start a", "end a", "start b"]);
    b.finish();
    await Promise.all(runs);
  });

  it("admits no new background operation while an acknowledgement waits; one passes after each", async () => {
    const gate = createStatementGate();
    const log: string[] = [];
    const [a, b, c] = [operation(log, "a"), operation(log, "b"), operation(log, "c")];
    const runA = gate.background(a.run);
    await tick();
    const firstAck = gate.hold();
    const secondAck = gate.hold();
    const rest = [gate.background(b.run), gate.background(c.run)];
    a.finish();
    await runA;
    await tick();
    // a was already running; b and c wait for the acknowledgements.
    expect(log).toEqual(["start a", "end a"]);
    expect(gate.waiting()).toBe(2);
    firstAck();
    await tick();
    // One background operation passes after a finished acknowledgement, though another still waits.
    expect(log).toEqual(["start a", "end a", "start b"]);
    b.finish();
    await tick();
    expect(log).toEqual(["start a", "end a", "start b", "end b"]);
    secondAck();
    await tick();
    expect(log.at(-1)).toBe("start c");
    c.finish();
    await Promise.all(rest);
  });

  it("releases the gate when an operation fails", async () => {
    const gate = createStatementGate();
    await expect(gate.background(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.background(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
