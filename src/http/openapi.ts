import type { z } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import { ProblemSchema, validationError } from "./problem.js";

export { ProblemSchema };

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Error responses shared by admin routes, so the OpenAPI document lists them truthfully. */
export const errorResponses = {
  400: problem("Invalid input: `errors[].path` names each field"),
  401: problem("Missing or wrong bearer token"),
  404: problem("Unknown id"),
  409: problem("Conflict with existing state"),
  413: problem("Body over 1 MiB"),
  415: problem("Body is not JSON"),
} as const;

/** For routes that call the inbox: it failed, or refused what was asked. */
export const upstreamErrorResponse = { 502: problem("The inbox failed or refused") } as const;

export const bearerSecurity = [{ bearerAuth: [] }];

/** Every router validates through one hook that throws, so onError writes every problem body. */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target === "json" ? "body" : result.target);
    },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description && { description }),
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
