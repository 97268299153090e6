import type { MiddlewareHandler } from "hono";
import { bodyLimit as streamingBodyLimit } from "hono/body-limit";

/**
 * Refuses a body over `maxSize` before reading it, calling `onError` (which answers 413).
 *
 * A body that declares its length is judged by its `content-length` header alone; only a chunked
 * one is counted as it streams, by hono's own middleware. hono's checks `c.req.raw.body` first,
 * and on @hono/node-server that one property turns the lightweight request into a full web
 * `Request` (an AbortController, a ReadableStream over the socket), after which the handler's
 * `arrayBuffer()` reads through that stream instead of straight from Node's: about a tenth of the
 * webhook's CPU for nothing, as every inbox sends `content-length`.
 */
export function bodyLimit(options: { maxSize: number; onError: Parameters<typeof streamingBodyLimit>[0]["onError"] }): MiddlewareHandler {
  const streaming = streamingBodyLimit(options);
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streaming(c, next);
    // Node's parser has already refused a content-length that is not a number.
    if (Number(length) > options.maxSize) return options.onError?.(c);
    return next();
  };
}
