/**
 * Failures a test makes the inbox API produce, consumed one per matching call: an HTTP status
 * (429 as Rack::Attack answers it, 5xx as Rails or a proxy does), `hang` (no answer until the
 * caller gives up), or the request done first and then `hang` / 500 (the caller cannot tell).
 */
export type FaultMode = number | "hang" | "apply-then-hang" | "apply-then-500";

export type FaultPattern = string | RegExp;

const matches = (pattern: FaultPattern, call: string) => (typeof pattern === "string" ? call.includes(pattern) : pattern.test(call));

export function createFaults() {
  const scripts: { pattern: FaultPattern; modes: FaultMode[] }[] = [];
  const hooks: { pattern: FaultPattern; run: () => void }[] = [];
  return {
    /** Runs `run` once, just before the next matching call is handled (to interleave an event with it). */
    beforeNext(pattern: FaultPattern, run: () => void): void {
      hooks.push({ pattern, run });
    },
    runHook(method: string, path: string): void {
      const index = hooks.findIndex((h) => matches(h.pattern, `${method} ${path}`));
      const [hook] = index < 0 ? [] : hooks.splice(index, 1);
      hook?.run();
    },
    /** `pattern` matches "METHOD /path" (a substring, or a regular expression). */
    failNext(pattern: FaultPattern, modes: FaultMode[]): void {
      scripts.push({ pattern, modes: [...modes] });
    },
    take(method: string, path: string): FaultMode | undefined {
      const call = `${method} ${path}`;
      const script = scripts.find((s) => s.modes.length > 0 && matches(s.pattern, call));
      return script?.modes.shift();
    },
    pending: () => scripts.reduce((n, s) => n + s.modes.length, 0),
    clear(): void {
      scripts.length = 0;
      hooks.length = 0;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
