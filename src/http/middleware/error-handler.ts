import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { AppError, type ErrorCode } from "../../errors.js";
import { toProblem } from "../problem.js";

const codeByHttpStatus: Record<number, ErrorCode> = {
  400: "malformed_json",
  401: "unauthorized",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const code = codeByHttpStatus[error.status] ?? "internal";
    return new AppError(code, error.message || "Request failed", { cause: error });
  }
  return new AppError("internal", "Something went wrong on our side; the error was logged", { cause: error });
}

export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    const appError = toAppError(error);
    const problem = toProblem(appError);
    if (problem.status >= 500) {
      logger.error({ err: error, requestId: c.get("requestId") }, "request failed");
    }
    const status = problem.status as 400;
    // A wrong webhook token or signature says nothing about why it was rejected.
    if (appError.code === "unauthorized" && c.get("quietErrors")) return c.body(null, status);
    return c.body(JSON.stringify(problem), status, { "content-type": "application/problem+json" });
  };
}
