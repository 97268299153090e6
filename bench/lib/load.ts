import autocannon from "autocannon";
import { percentile } from "./latency.js";

export type LoadSpec = {
  origin: string;
  path: string;
  connections: number;
  durationSec: number;
  /** Hard cap on requests, on top of the duration. */
  maxRequests: number;
  /** Body for the next request; called once per request. */
  nextBody: () => string;
};

export type LoadResult = {
  /** Answered requests. */
  requests: number;
  /** Requests written, including those still in flight when the run stopped. */
  sent: number;
  durationSec: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The `status` field of JSON answers ("accepted", "duplicate", ...), or "unparsed". */
  answers: Record<string, number>;
  /** CPU used by this (load generator) process during the run, in % of one core. */
  generatorCpuPct: number;
};

/**
 * Closed-loop load with autocannon: `connections` keep-alive connections, each sending its next
 * POST as soon as the previous answer arrives. Latencies are taken from autocannon's per-response
 * timings (sub-millisecond), not its 1 ms-resolution histogram.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const answers: Record<string, number> = {};
  const cpuBefore = process.cpuUsage();
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        duration: spec.durationSec,
        maxOverallRequests: spec.maxRequests,
        timeout: 10,
        bailout: 1_000,
        requests: [
          {
            method: "POST",
            path: spec.path,
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: spec.nextBody() }),
            onResponse: (_status, body) => {
              const key = answerStatus(body);
              answers[key] = (answers[key] ?? 0) + 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error !== null && error !== undefined) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const wallSec = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.requests.total,
          sent: result.requests.sent,
          durationSec: result.duration,
          reqPerSec: result.requests.total / result.duration,
          latencyMs: {
            mean: sorted.reduce((sum, v) => sum + v, 0) / Math.max(sorted.length, 1),
            p50: percentile(sorted, 50),
            p90: percentile(sorted, 90),
            p99: percentile(sorted, 99),
            max: sorted.at(-1) ?? Number.NaN,
          },
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0])),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          answers,
          generatorCpuPct: ((cpu.user + cpu.system) / 1000 / (wallSec * 1000)) * 100,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}

function answerStatus(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "status" in parsed && typeof parsed.status === "string") return parsed.status;
  } catch {
    // fall through
  }
  return "unparsed";
}
