import { readFileSync } from "node:fs";
import { z } from "zod";

const CallFrame = z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() });
const ProfileNode = z.object({ id: z.number(), callFrame: CallFrame, hitCount: z.number().optional(), children: z.array(z.number()).optional() });
const Profile = z.object({
  nodes: z.array(ProfileNode),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()).optional(),
  timeDeltas: z.array(z.number()).optional(),
});

type Node = z.infer<typeof ProfileNode>;
export type ProfileLine = { name: string; ms: number; pct: number };
export type ProfileSummary = { totalMs: number; byArea: ProfileLine[]; topSelf: ProfileLine[] };

/** Where a frame's code lives: a package, the app's own code, Node internals, WebAssembly, or V8. */
function area(node: Node, root: string): string {
  const { url, functionName } = node.callFrame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("wasm://")) return "WebAssembly (PGlite)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  const local = url.replace(/^file:\/\//, "").replace(root, "");
  return local.split("/").slice(0, 2).join("/");
}

function frameName(node: Node, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^file:\/\//, "")
    .replace(root, "")
    .replace(/^.*node_modules\//, "");
  return `${functionName || "(anonymous)"} ${where}:${String(lineNumber + 1)}`;
}

/**
 * Summarises a V8 .cpuprofile: self time by area (package / src folder / WebAssembly / GC) and the
 * functions with most self time. (Inclusive time is left out: async callers are not on the stack
 * when their awaited database work runs, so it would mislead.) With `windowUs` (monotonic µs, as `process.hrtime` in the profiled process), only the samples
 * taken in that window count, e.g. the measured run without start-up and warm-up.
 */
export function summariseProfile(file: string, root: string, options: { windowUs?: { from: number; to: number } } = {}): ProfileSummary {
  const profile = Profile.parse(JSON.parse(readFileSync(file, "utf8")));
  const window = options.windowUs;
  let totalMs = (profile.endTime - profile.startTime) / 1000;
  if (window && profile.samples && profile.timeDeltas) {
    const hits = new Map<number, number>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas?.[i] ?? 0;
      if (at >= window.from && at <= window.to) hits.set(id, (hits.get(id) ?? 0) + 1);
    });
    for (const node of profile.nodes) node.hitCount = hits.get(node.id) ?? 0;
    totalMs = (Math.min(window.to, profile.endTime) - Math.max(window.from, profile.startTime)) / 1000;
  }
  const totalHits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const msPerHit = totalHits > 0 ? totalMs / totalHits : 0;
  const line = (name: string, hits: number): ProfileLine => ({ name, ms: hits * msPerHit, pct: totalHits > 0 ? (hits / totalHits) * 100 : 0 });
  const top = (counts: Map<string, number>, n: number) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => line(name, hits));

  const byArea = new Map<string, number>();
  const bySelf = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    byArea.set(area(node, root), (byArea.get(area(node, root)) ?? 0) + hits);
    bySelf.set(frameName(node, root), (bySelf.get(frameName(node, root)) ?? 0) + hits);
  }

  return { totalMs, byArea: top(byArea, 14), topSelf: top(bySelf, 20) };
}
