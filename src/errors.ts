// One error type with a closed set of codes; the HTTP layer maps each code to a status.

export const errorCodes = [
  "validation_failed",
  "malformed_json",
  "unsupported_media_type",
  "payload_too_large",
  "unauthorized",
  "not_found",
  "conflict",
  "upstream_failed",
  "internal",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, options: { errors?: FieldError[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
  }
}

export const notFound = (what: string, id: string) => new AppError("not_found", `${what} ${id} does not exist`);

export const conflict = (message: string, path?: string) => new AppError("conflict", message, path ? { errors: [{ path, message }] } : {});

export const invalid = (path: string, message: string) => new AppError("validation_failed", `${path}: ${message}`, { errors: [{ path, message }] });
