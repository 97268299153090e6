import { z } from "@hono/zod-openapi";
import { BotParams } from "../../schemas.js";

export const KnowledgeRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(500_000).describe("FAQ or policy text; split into passages and embedded"),
    format: z.enum(["text", "markdown"]).default("markdown"),
  })
  .openapi("KnowledgeRequest");

export const KnowledgeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    format: z.enum(["text", "markdown"]),
    chunks: z.number().int(),
    characters: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("KnowledgeDocument");

export const DocumentParams = BotParams.extend({
  documentId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "documentId", in: "path" }, example: "kn_3k9x0c2m4n5p6q7r8s9t" }),
});
