import type { HistoryEntry } from "../../db/schema/conversations.js";
import type { OfficeHours } from "../../domain/office-hours.js";
import type { Settings } from "../../domain/settings.js";
import type { TurnInput } from "../../omnichat/classify.js";

export type DivisionInfo = {
  id: string;
  name: string;
  prompt: string;
  promptVersion: number;
  teamId: number;
  keywords: string[];
  active: boolean;
  officeHours: OfficeHours | null;
};

/** Everything a routing decision may read; built by the pipeline, never fetched by the router. */
export type TurnContext = {
  botId: string;
  conversationId: number;
  settings: Settings;
  officeHours: OfficeHours;
  divisions: DivisionInfo[];
  turn: TurnInput;
  history: HistoryEntry[];
  clarifyPending: boolean;
};

export const divisionChoicePrefix = "division:";
