import type { MiddlewareHandler } from "hono";
import { AppError } from "../../errors.js";
import type { AdminTokenVerifier } from "../../services/auth/admin-token.js";

export function adminAuth(verify: AdminTokenVerifier): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !verify(match[1])) {
      c.header("WWW-Authenticate", 'Bearer realm="switchboard"');
      throw new AppError("unauthorized", "A valid admin bearer token is required");
    }
    await next();
  };
}
