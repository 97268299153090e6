import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../harness/openapi-document.js";
import { createTestApp, type TestApp } from "../harness/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("system endpoints", () => {
  it("reports liveness and readiness", async () => {
    expect((await t.request("GET", "/health", { token: null })).body).toEqual({ status: "ok" });
    expect((await t.request("GET", "/ready", { token: null })).body).toMatchObject({ ready: true, database: "ok" });
  });

  it("serves an OpenAPI 3.1 document with the contract's paths", async () => {
    const doc = await openApiDocument(t);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/bots",
        "/v1/bots/{botId}",
        "/v1/bots/{botId}/export",
        "/v1/bots/import",
        "/v1/bots/{botId}/divisions",
        "/v1/bots/{botId}/divisions/{divisionId}",
        "/v1/bots/{botId}/divisions/{divisionId}/versions",
        "/v1/bots/{botId}/divisions/{divisionId}/versions/{n}/restore",
        "/v1/bots/{botId}/settings",
        "/v1/bots/{botId}/office-hours",
      ]),
    );
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it("names every operation once, by its route's name, so generated clients get stable method names", async () => {
    const doc = await openApiDocument(t);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ at: `${method} ${path}`, id: op.operationId })),
    );
    expect(operations.filter((op) => op.id === undefined).map((op) => op.at)).toEqual([]);
    const ids = operations.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations).toEqual(expect.arrayContaining([{ at: "post /v1/bots/{botId}/divisions", id: "createDivision" }]));
  });

  it("serves a docs page", async () => {
    const res = await t.request("GET", "/docs", { token: null });
    expect(res.status).toBe(200);
    expect(res.text).toContain("/openapi.json");
  });
});
