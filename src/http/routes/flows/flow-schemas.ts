import { z } from "@hono/zod-openapi";
import { flowSchema } from "../../../domain/flow.js";
import { BotParams } from "../../schemas.js";

export const FlowDocument = flowSchema.meta({ id: "FlowDocument" });

const IssueSchema = z.object({ path: z.string(), message: z.string() });

export const FlowSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    flow: FlowDocument,
    warnings: z.array(IssueSchema).describe("Not errors: e.g. unreachable states"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Flow");

export const FlowVersionSchema = z
  .object({ version: z.number().int(), current: z.boolean(), restoredFrom: z.number().int().nullable(), flow: FlowDocument, createdAt: z.string() })
  .openapi("FlowVersion");

export const FlowParams = BotParams.extend({
  flowId: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/, "letters, digits, _ . - (at most 100)")
    .openapi({ param: { name: "flowId", in: "path" }, example: "greeting" }),
});

export const FlowVersionParams = FlowParams.extend({
  n: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "n", in: "path" }, example: 2 }),
});
