import { MarkdownTextSplitter, RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { analyzeVectorTables } from "../../db/queries/vector-search.js";
import * as knowledgeQ from "../../db/queries/knowledge.js";
import type { Db } from "../../db/client.js";
import { notFound } from "../../errors.js";
import { newId } from "../../ids.js";
import type { ServiceDeps } from "../context.js";
import { requireBot } from "../bots/require-bot.js";
import { embedTexts } from "./embed-texts.js";

export type KnowledgeInput = { title: string; content: string; format: "text" | "markdown" };
export type KnowledgeView = { id: string; title: string; format: "text" | "markdown"; chunks: number; characters: number; createdAt: string };

// Passages short enough to quote as a chat reply, overlapping so no answer is cut in half.
const splitOptions = { chunkSize: 700, chunkOverlap: 100 };

/** Splits a document into passages: by headings and paragraphs for markdown, by paragraphs and sentences otherwise. */
export async function splitDocument(input: KnowledgeInput): Promise<string[]> {
  const splitter = input.format === "markdown" ? new MarkdownTextSplitter(splitOptions) : new RecursiveCharacterTextSplitter(splitOptions);
  const chunks = await splitter.splitText(input.content);
  return chunks.map((c) => c.trim()).filter((c) => c.length > 0);
}

/** Stores a document and its embedded passages, in the caller's transaction. */
export async function storeDocument(deps: ServiceDeps, tx: Db, botId: string, input: KnowledgeInput): Promise<KnowledgeView> {
  const passages = await splitDocument(input);
  const vectors = await embedTexts(
    deps.embedder,
    passages.map((p) => `${input.title}\n${p}`),
  );
  const now = deps.clock.now().toJSDate();
  const id = newId("kn");
  await knowledgeQ.insertDocument(tx, { id, botId, title: input.title, content: input.content, format: input.format, createdAt: now });
  await knowledgeQ.insertChunks(
    tx,
    passages.map((text, ordinal) => ({
      id: newId("kn"),
      documentId: id,
      botId,
      ordinal,
      text,
      embedding: vectors[ordinal] ?? null,
      embeddingModel: deps.embedder.model,
    })),
  );
  return { id, title: input.title, format: input.format, chunks: passages.length, characters: input.content.length, createdAt: now.toISOString() };
}

export async function addKnowledge(deps: ServiceDeps, botId: string, input: KnowledgeInput): Promise<KnowledgeView> {
  await requireBot(deps.db, botId);
  const view = await deps.db.transaction((tx) => storeDocument(deps, tx, botId, input));
  await analyzeVectorTables(deps.db);
  return view;
}

export async function listKnowledge(deps: ServiceDeps, botId: string): Promise<KnowledgeView[]> {
  await requireBot(deps.db, botId);
  return (await knowledgeQ.listDocuments(deps.db, botId)).map((d) => ({
    id: d.id,
    title: d.title,
    format: d.format,
    chunks: d.chunks,
    characters: d.content.length,
    createdAt: d.createdAt.toISOString(),
  }));
}

export async function deleteKnowledge(deps: ServiceDeps, botId: string, id: string): Promise<void> {
  await requireBot(deps.db, botId);
  if (!(await knowledgeQ.deleteDocument(deps.db, botId, id))) throw notFound("knowledge document", id);
}
