import { z } from "zod";
import { divisionExampleSchema } from "./example.js";
import { conversationPrioritySchema, divisionLabelsSchema } from "./conversation-marks.js";
import { officeHoursSchema } from "./office-hours.js";

const keyword = z.string().trim().min(1).max(100);

export const divisionInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  prompt: z.string().trim().min(1).max(8000).describe("When the LLM should hand a conversation over to this division"),
  teamId: z.number().int().positive().describe("The inbox team this division maps to"),
  keywords: z.array(keyword).max(200).default([]),
  examples: z
    .array(divisionExampleSchema)
    .max(1000)
    .default([])
    .describe('Customer messages of this division: a text, or {"text", "intent"} with a finer class'),
  active: z.boolean().default(true),
  officeHours: officeHoursSchema.nullable().default(null).describe("The division's own office hours; null uses the bot's"),
  priority: conversationPrioritySchema
    .nullable()
    .default(null)
    .describe("The conversation's priority in the inbox after a handover to this division (e.g. urgent for Fraud); null leaves it as it is"),
  labels: divisionLabelsSchema
    .default([])
    .describe("Labels added to the conversation on a handover to this division, merged with the labels it already has (never replacing them)"),
});

export const divisionPatchSchema = z
  .object({
    name: divisionInputSchema.shape.name,
    prompt: divisionInputSchema.shape.prompt,
    teamId: divisionInputSchema.shape.teamId,
    keywords: z.array(keyword).max(200),
    examples: z.array(divisionExampleSchema).max(1000),
    active: z.boolean(),
    officeHours: officeHoursSchema.nullable(),
    priority: conversationPrioritySchema.nullable(),
    labels: divisionLabelsSchema,
  })
  .partial();

export type DivisionInput = z.infer<typeof divisionInputSchema>;
export type DivisionPatch = z.infer<typeof divisionPatchSchema>;
