import pino from "pino";
import { createApp } from "../../src/app.js";
import { setUpAdminToken } from "../../src/services/auth/admin-token.js";
import { fixedClock } from "../../src/time/clock.js";
import { createTestDatabase } from "./test-database.js";

export const testAdminToken = "test-admin-token-0123456789abcdef";
export const testPublicUrl = "http://switchboard.test";

export type TestResponse = { status: number; headers: Headers; body: unknown; text: string };

/** The real app on a fresh migrated database, a fixed clock and a silent logger. */
export async function createTestApp(options: { now?: string } = {}) {
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? "2026-01-15T02:30:00.000Z");
  const logger = pino({ level: "silent" });
  const deps = { db: database.db, clock, publicUrl: testPublicUrl };
  const admin = await setUpAdminToken(deps, testAdminToken);
  const app = createApp({ ...deps, logger, verifyAdminToken: admin.verify });

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; raw?: string; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? testAdminToken : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = init.raw;
    if (init.body !== undefined && method !== "GET" && method !== "HEAD") {
      body = JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  return { app, database, db: database.db, clock, deps, request, close: () => database.cleanup() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Shorthand to read a JSON body as a loose record in assertions. */
export type Json = any;
