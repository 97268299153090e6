import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { chromium, type Page } from "playwright-core";
import { createTestApp, testAdminToken } from "../harness/test-app.js";

/** Debian's chromium; the flags keep it from reaching the network on its own (updates, sync, QUIC). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Screenshots land here (git-ignored) so a person can look at each page after the run. */
export const screenshotDir = join(process.cwd(), "test-results", "console");

/**
 * The real app over a real HTTP server on an ephemeral port (PGlite in memory, fixed clock),
 * and a fresh Chromium profile.
 */
export async function startConsole(options: { now?: string } = {}) {
  const t = await createTestApp(options);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => {
    server.once("listening", () => {
      resolve();
    });
  });
  const baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const profile = mkdtempSync(join(tmpdir(), "switchboard-chromium-"));
  // A persistent context is playwright's way to give Chromium its own fresh --user-data-dir.
  const browser = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 1280, height: 900 } });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    t,
    baseUrl,
    browser,
    token: testAdminToken,
    newPage: (): Promise<Page> => browser.newPage(),
    shot: (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true }),
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await t.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type ConsoleHarness = Awaited<ReturnType<typeof startConsole>>;
