// Test-only helpers: load the shipped example bots and talk to their flows turn by turn, the way
// the pipeline will (TurnInput → flow input with the offered choices → runFlowTurn → next cursor).
import { readFileSync } from "node:fs";
import { z } from "zod";
import { flowExportSchema } from "../../domain/flow.js";
import type { TurnInput } from "../../omnichat/classify.js";
import type { CompiledFlow } from "./compiled-flow.js";
import { compileFlow } from "./compile-flow.js";
import type { FlowCursor } from "./flow-cursor.js";
import { flowInputFromTurn } from "./flow-input.js";
import { type FlowRunOptions, type FlowTurnResult, runFlowTurn } from "./run-flow.js";

export const exampleBotPath = (file: string) => new URL(`../../../examples/bots/${file}`, import.meta.url);

export function readExampleBot(file: string): unknown {
  return JSON.parse(readFileSync(exampleBotPath(file), "utf8"));
}

/** The example's flows, compiled; throws with the issues if any flow does not compile. */
export function exampleFlows(file: string): CompiledFlow[] {
  const doc = z.object({ flows: z.array(flowExportSchema) }).parse(readExampleBot(file));
  return doc.flows.map((flow) => {
    const result = compileFlow(flow, flow.id);
    if (!result.ok) throw new Error(`${file} flow ${flow.id}: ${JSON.stringify(result.errors)}`);
    return result.flow;
  });
}

type Reply = Partial<Pick<TurnInput, "payload" | "attachmentTypes" | "contentAttributes">>;

/** One simulated conversation: keeps the cursor between turns like the conversation row would. */
export class FlowConversation {
  cursor: FlowCursor = null;
  private turn = 0;

  constructor(
    private readonly flows: CompiledFlow[],
    private readonly channel: string | null,
    private readonly runOptions: Partial<FlowRunOptions> = {},
  ) {}

  send(text: string, extra: Reply = {}): FlowTurnResult {
    this.turn += 1;
    const turn = { text, payload: extra.payload ?? null, attachmentTypes: extra.attachmentTypes ?? [], contentAttributes: extra.contentAttributes ?? {} };
    const input = flowInputFromTurn(turn, this.channel, this.cursor?.offered ?? []);
    const result = runFlowTurn(this.flows, this.cursor, input, { seed: `conv-1:${String(this.turn)}`, ...this.runOptions });
    this.cursor = result.cursor;
    return result;
  }

  /** The texts the customer would read. */
  say(text: string, extra: Reply = {}): string[] {
    return this.send(text, extra).messages.map((m) => m.content);
  }
}
