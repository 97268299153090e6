import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AppError } from "../../errors.js";

// The console is plain ES modules (console/ at the repo root), served as they are: no build step.
const consoleDir = new URL("../../../console/", import.meta.url);
const examplesDir = new URL("../../../examples/bots/", import.meta.url);

/** Browser builds of the console's libraries, from node_modules: no CDN at run time. */
const vendor: Record<string, string> = {
  "preact.mjs": import.meta.resolve("preact"),
  "hooks.mjs": import.meta.resolve("preact/hooks"),
  "htm.mjs": import.meta.resolve("htm"),
};

const contentTypes: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
};

// Only plain file names below the console folder: no "..", no hidden files.
const assetPath = /^(?:[a-z0-9-]+\/)*[a-z0-9][a-z0-9.-]*\.(?:js|css|html)$/;

async function send(c: Context, file: URL | string): Promise<Response> {
  const path = fileURLToPath(file);
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    throw new AppError("not_found", `No console file ${c.req.path}`);
  }
  const ext = path.slice(path.lastIndexOf(".") + 1);
  c.header("content-type", contentTypes[ext] ?? "application/octet-stream");
  // Revalidate every time: the console changes with the service it ships with.
  c.header("cache-control", "no-cache");
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  return c.body(new Uint8Array(body));
}

/** The admin console at /console: the page, its modules and styles, its libraries and the example bots. */
export function registerConsole(app: OpenAPIHono): void {
  app.get("/console", (c) => send(c, new URL("index.html", consoleDir)));
  app.get("/console/", (c) => c.redirect("/console"));
  app.get("/console/vendor/:file", (c) => {
    const url = vendor[c.req.param("file")];
    if (!url) throw new AppError("not_found", `No console library ${c.req.param("file")}`);
    return send(c, url);
  });
  app.get("/console/examples", async (c) => {
    const names = (await readdir(examplesDir)).filter((n) => n.endsWith(".json")).sort();
    return c.json(names.map((n) => n.slice(0, -".json".length)));
  });
  app.get("/console/examples/:name", (c) => {
    const name = c.req.param("name");
    if (!/^[a-z0-9-]+\.json$/.test(name)) throw new AppError("not_found", `No example ${name}`);
    return send(c, new URL(name, examplesDir));
  });
  app.get("/console/*", (c) => {
    const rest = c.req.path.slice("/console/".length);
    if (!assetPath.test(rest)) throw new AppError("not_found", `No console file ${c.req.path}`);
    return send(c, new URL(rest, consoleDir));
  });
}
