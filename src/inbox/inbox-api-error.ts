import { HTTPError, TimeoutError } from "ky";

/** A failed call to the inbox API. `retryable` says whether trying again later can help. */
export class InboxApiError extends Error {
  constructor(
    message: string,
    readonly details: {
      status?: number;
      retryable: boolean;
      /** The request may have been carried out (a timeout after sending): do not blindly resend. */
      outcomeUnknown?: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.name = "InboxApiError";
  }
}

/** An inbox call's error as an InboxApiError: whether to retry, and whether the work may have been done. */
export function toInboxError(what: string, error: unknown): InboxApiError {
  if (error instanceof InboxApiError) return error;
  if (error instanceof HTTPError) {
    const status = error.response.status;
    return new InboxApiError(`${what}: the inbox answered ${String(status)}`, {
      status,
      retryable: status === 429 || status >= 500 || status === 408,
      // A 5xx (Chatwoot's own, or a proxy's 502–504) may come after the work was done; a 4xx
      // or a 429 (refused before any work) proves it was not.
      outcomeUnknown: status >= 500 || status === 408,
      cause: error,
    });
  }
  if (error instanceof TimeoutError) {
    return new InboxApiError(`${what}: the inbox did not answer in time`, { retryable: true, outcomeUnknown: true, cause: error });
  }
  // Refused or unresolvable: the request never reached the inbox. Reset or anything else: we cannot tell.
  return new InboxApiError(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
    retryable: true,
    outcomeUnknown: !neverSent(error),
    cause: error,
  });
}

/** fetch's connection errors that happen before a byte of the request was sent. */
function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === "ECONNREFUSED" || cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN";
}

/** A call's outcome for metrics: an HTTP status, `timeout`, or `network`. */
export function outcomeOf(error: unknown): string {
  const status = error instanceof InboxApiError ? error.details.status : undefined;
  if (status !== undefined) return String(status);
  return error instanceof InboxApiError && error.cause instanceof TimeoutError ? "timeout" : "network";
}
