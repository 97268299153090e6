import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md promises a layered src/: its top-level folders depend on each other in one
// direction only (http → services → db, everything → domain). This walks every relative import
// and fails on a cycle between folders, naming one import of each edge in it.
const src = resolve(import.meta.dirname, "../../src");
const importPattern = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The top-level folder of a file under src/, or null for the files directly in src/ (main.ts, config.ts, ...). */
function folderOf(file: string): string | null {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? (parts[0] ?? null) : null;
}

/** Folder → folder it imports → one importing file and its import, as evidence. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(file);
    if (from === null) continue;
    for (const match of readFileSync(file, "utf8").matchAll(importPattern)) {
      const spec = match[1] ?? "";
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(src + sep)) continue;
      const to = folderOf(target);
      if (to === null || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(src, file)} imports ${spec}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as its list of edges' evidence. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "visiting");
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === "visiting") {
        const loop = [...path.slice(path.indexOf(next)), next];
        found.push(loop.slice(1).map((to, i) => graph.get(loop[i] ?? "")?.get(to) ?? `${loop[i]} → ${to}`));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe("src/ top-level folders", () => {
  it("import each other in one direction only", () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["services", new Map([["domain", "services/a.ts imports ../domain/b.js"]])],
      ["domain", new Map([["services", "domain/b.ts imports ../services/a.js"]])],
    ]);
    expect(cycles(graph)).toEqual([["services/a.ts imports ../domain/b.js", "domain/b.ts imports ../services/a.js"]]);
  });

  it("sees the folders it guards", () => {
    const graph = folderGraph();
    expect(graph.get("http")?.has("services")).toBe(true);
    expect(graph.get("services")?.has("db")).toBe(true);
  });
});
