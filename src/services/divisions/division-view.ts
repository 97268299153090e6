import type { DivisionRow, PromptVersionRow } from "../../db/queries/divisions.js";
import type { DivisionExample } from "../../domain/example.js";
import type { ConversationPriority } from "../../domain/conversation-marks.js";
import type { OfficeHours } from "../../domain/office-hours.js";

export type DivisionView = {
  id: string;
  botId: string;
  name: string;
  prompt: string;
  promptVersion: number;
  teamId: number;
  keywords: string[];
  examples: DivisionExample[];
  active: boolean;
  officeHours: OfficeHours | null;
  priority: ConversationPriority | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
};

export type PromptVersionView = {
  version: number;
  prompt: string;
  restoredFrom: number | null;
  current: boolean;
  createdAt: string;
};

export function toDivisionView(row: DivisionRow): DivisionView {
  return {
    id: row.id,
    botId: row.botId,
    name: row.name,
    prompt: row.prompt,
    promptVersion: row.promptVersion,
    teamId: row.teamId,
    keywords: row.keywords,
    examples: row.examples,
    active: row.active,
    officeHours: row.officeHours,
    priority: row.priority,
    labels: row.labels,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toPromptVersionView(row: PromptVersionRow, currentVersion: number): PromptVersionView {
  return {
    version: row.version,
    prompt: row.prompt,
    restoredFrom: row.restoredFrom,
    current: row.version === currentVersion,
    createdAt: row.createdAt.toISOString(),
  };
}
