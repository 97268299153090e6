import type { HistoryEntry } from "../../../db/schema/conversations.js";
import type { ConversationPriority } from "../../../domain/conversation-marks.js";
import type { OfficeHours } from "../../../domain/office-hours.js";
import type { Settings } from "../../../domain/settings.js";
import type { TurnInput } from "../../../inbox/parse-delivery.js";
import type { CompiledFlow } from "../../flows/compiled-flow.js";
import type { FlowCursor } from "../../flows/flow-cursor.js";
import type { Recall } from "../../memory/recall.js";
import type { TrainedRouter } from "./trained-router.js";

export type DivisionInfo = {
  id: string;
  name: string;
  prompt: string;
  promptVersion: number;
  teamId: number;
  keywords: string[];
  active: boolean;
  officeHours: OfficeHours | null;
  /** Marked on the inbox's conversation at handover (null, empty: nothing). */
  priority: ConversationPriority | null;
  labels: string[];
};

/**
 * Everything a routing decision may read. The pipeline builds it from the bot's configuration and
 * the conversation; the router fills in only what costs a read and is not always needed (`memory`,
 * `router`), in decideTurn.
 */
export type TurnContext = {
  botId: string;
  conversationId: number;
  settings: Settings;
  officeHours: OfficeHours;
  divisions: DivisionInfo[];
  /** The inbox channel (`Channel::Instagram`, …): reply length and quick-reply rendering depend on it. */
  channel: string | null;
  /** The bot's active keyword flows, compiled. */
  flows: CompiledFlow[];
  /** Where the conversation is in its flows (null: no flow active). */
  flowCursor: FlowCursor;
  /** Stable per turn: picks flow text variants deterministically. */
  seed: string;
  turn: TurnInput;
  /**
   * Similar labelled examples, their vote, and relevant knowledge passages for this turn. Empty
   * until the router needs them: a flow or "talk to a human" turn never pays for the lookup.
   */
  memory: Recall;
  /**
   * The bot's trained router (docs/decisions/0012), loaded only when a step needs it (the offline
   * fallback, "talk to a human"); null or absent: none yet.
   */
  router?: TrainedRouter | null;
  /** Turns before this one, oldest first. */
  history: HistoryEntry[];
  clarifyPending: boolean;
  /**
   * How much longer this turn may wait for an LLM call slot (its wait budget, counted from the
   * delivery); zero or less: decide without the LLM. Absent: no budget (simulator, evals).
   */
  llmWaitMs?: number;
};

export const divisionChoicePrefix = "division:";
