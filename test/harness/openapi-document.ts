import { z } from "zod";
import { expect } from "vitest";
import type { TestApp } from "./test-app.js";

// The parts of the served OpenAPI 3.1 document that tests read; loose, so everything else passes through.
type SchemaObject = { $ref?: string | undefined; type?: unknown; description?: string | undefined; properties?: Record<string, SchemaObject> | undefined };
const SchemaObject: z.ZodType<SchemaObject> = z.looseObject({
  $ref: z.string().optional(),
  type: z.unknown().optional(),
  description: z.string().optional(),
  get properties() {
    return z.record(z.string(), SchemaObject).optional();
  },
});

const Operation = z.looseObject({
  operationId: z.string().optional(),
  parameters: z.array(z.looseObject({ name: z.string(), in: z.string() })).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  requestBody: z.looseObject({ content: z.record(z.string(), z.looseObject({ schema: SchemaObject })) }).optional(),
  responses: z.record(z.string(), z.unknown()),
});

const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  paths: z.record(z.string(), z.record(z.string(), Operation)),
  components: z.looseObject({
    schemas: z.record(z.string(), SchemaObject),
    securitySchemes: z.record(z.string(), z.looseObject({ type: z.string() })),
  }),
});

/** The live OpenAPI document, as any client would fetch it (no token). */
export async function openApiDocument(t: TestApp) {
  const res = await t.request("GET", "/openapi.json", { token: null });
  expect(res.status, res.text).toBe(200);
  return OpenApiDocument.parse(res.body);
}
