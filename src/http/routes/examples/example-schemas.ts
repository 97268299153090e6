import { z } from "@hono/zod-openapi";
import { labelledExampleSchema } from "../../../domain/example.js";
import { BotParams } from "../../schemas.js";

export const AddExamplesRequest = z
  .object({
    examples: z
      .array(labelledExampleSchema.meta({ id: "ExampleInput" }))
      .min(1)
      .max(50_000),
  })
  .openapi("AddExamplesRequest");

export const ExampleSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    label: z.string(),
    intent: z.string().nullable().describe("The finer class inside the label, or null"),
    source: z.enum(["admin", "import", "agent_reroute", "eval", "division"]),
    embeddingModel: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Example");

export const ExamplePage = z
  .object({
    items: z.array(ExampleSchema),
    total: z.number().int().describe("All examples of the bot"),
    nextCursor: z.number().int().nullable().describe("Pass as `after` for the next page; null on the last page"),
  })
  .openapi("ExamplePage");

export const ExampleListQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ param: { name: "after", in: "query" } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  label: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: "label", in: "query" } }),
  intent: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: "intent", in: "query" } }),
  source: z
    .enum(["admin", "import", "agent_reroute", "eval", "division"])
    .optional()
    .openapi({ param: { name: "source", in: "query" } }),
});

export const ExampleParams = BotParams.extend({
  exampleId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "exampleId", in: "path" }, example: "ex_3k9x0c2m4n5p6q7r8s9t" }),
});
