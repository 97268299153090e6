/** Messages between the bench (parent) and a server it runs in a child process. */
export type ReadyMessage = { type: "ready"; port: number; webhookPath: string; label: string };
export type StatsMessage = { type: "stats"; monotonicUs: number; cpuUserMs: number; cpuSystemMs: number; rssMb: number; extra: Record<string, unknown> };
export type ChildMessage = ReadyMessage | StatsMessage | { type: "failed"; error: string };
export type ParentMessage = { type: "stats" } | { type: "stop" };

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === "object" && value !== null && "type" in value && typeof value.type === "string";
}

export function isParentMessage(value: unknown): value is ParentMessage {
  return typeof value === "object" && value !== null && "type" in value && (value.type === "stats" || value.type === "stop");
}
