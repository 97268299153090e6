import { type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

const loopback = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * One msw server per test file; any request without a handler fails the test, except loopback
 * traffic: the Chatwoot emulator and Switchboard's own listener are real HTTP servers, and msw
 * stands in only for LLM vendors.
 */
export function useMswServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => {
    server.listen({
      onUnhandledRequest(request, print) {
        if (loopback.has(new URL(request.url).hostname)) return;
        print.error();
      },
    });
  });
  afterEach(() => {
    server.resetHandlers();
  });
  afterAll(() => {
    server.close();
  });
  return server;
}
