import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemOf } from "../harness/contract.js";
import { openApiDocument } from "../harness/openapi-document.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

let t: TestApp;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  t = await createTestApp();
  const doc = await openApiDocument(t);
  // Every operation that declares bearer security, read from the live OpenAPI document, so a new
  // admin route is covered the moment it is registered.
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => (op.security?.length ?? 0) > 0)
      .map(([method]) => ({
        method: method.toUpperCase(),
        path: path.replaceAll(/\{[^}]+\}/g, (m) => (m === "{n}" ? "1" : "x_unknown")),
      })),
  );
});
afterAll(async () => {
  await t.close();
});

describe("admin authentication on every admin route", () => {
  it("covers the whole admin API", () => {
    expect(operations.length).toBeGreaterThanOrEqual(19);
    // The admin API, and the operator's metrics (queue depths and LLM cost are not for the public).
    expect(operations.every((o) => o.path.startsWith("/v1/") || o.path === "/metrics")).toBe(true);
    expect(operations.map((o) => o.path)).toContain("/metrics");
  });

  for (const [label, headers] of [
    ["no token", {}],
    ["wrong token", { authorization: "Bearer wrong-token-wrong-token" }],
    ["wrong scheme", { authorization: "Basic dGVzdDp0ZXN0" }],
    ["empty bearer", { authorization: "Bearer " }],
  ] as const) {
    it(`answers 401 with ${label}`, async () => {
      for (const op of operations) {
        const res = await t.request(op.method, op.path, { token: null, headers: { ...headers }, body: {} });
        expect({ op, status: res.status }).toEqual({ op, status: 401 });
        expect(problemOf(res).code).toBe("unauthorized");
      }
    });
  }

  it("lets /health, /ready, /openapi.json and /docs through without a token", async () => {
    for (const path of ["/health", "/ready", "/openapi.json", "/docs"]) {
      expect((await t.request("GET", path, { token: null })).status).toBe(200);
    }
  });
});
