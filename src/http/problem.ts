import { z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { AppError, type ErrorCode } from "../errors.js";

// Adding an error code without a status does not compile.
export const statusByCode = {
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  upstream_failed: 502,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

const titleByCode = {
  validation_failed: "Validation failed",
  malformed_json: "Malformed JSON",
  unsupported_media_type: "Unsupported media type",
  payload_too_large: "Payload too large",
  unauthorized: "Unauthorized",
  not_found: "Not found",
  conflict: "Conflict",
  upstream_failed: "Upstream service failed",
  internal: "Internal server error",
} as const satisfies Record<ErrorCode, string>;

/** Every error answer (application/problem+json, RFC 9457), written once: the OpenAPI document and `toProblem` share it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(statusByCode) as [ErrorCode]),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

export function toProblem(error: AppError): Problem {
  return {
    type: `https://switchboard.dev/problems/${error.code.replaceAll("_", "-")}`,
    title: titleByCode[error.code],
    status: statusByCode[error.code],
    detail: error.message,
    code: error.code,
    ...(error.errors && { errors: error.errors }),
  };
}

/** Zod issues become `errors[]` with dotted paths, prefixed by where the value came from. */
export function validationError(zodError: ZodError, target: string): AppError {
  const errors = zodError.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return { path: path === "" ? target : target === "body" ? path : `${target}.${path}`, message: issue.message };
  });
  const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
  return new AppError("validation_failed", summary, { errors });
}
