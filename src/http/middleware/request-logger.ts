import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

/** One line per request, tagged with the request id; paths are logged without webhook tokens. */
export function requestLogger(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const path = c.req.path.replace(/^(\/webhooks\/omnichat\/[^/]+\/).+$/, "$1[token]");
    logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      "request",
    );
  };
}
