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
