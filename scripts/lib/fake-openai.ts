import type { IncomingMessage, ServerResponse } from "node:http";
import { embedLocal } from "../../src/ml/local-embedding.js";

// An OpenAI-compatible stand-in for trying the LLM path without a vendor (`npm run fake-llm`) and
// for the turns benchmark. Chat Completions answer in the strict json_schema shape Switchboard asks
// for, choosing the division whose line in the system prompt shares the most words with the
// customer's message; /embeddings serves the local embedding.

type Json = Record<string, unknown>;

export type FakeOpenAiOptions = {
  /** How long each chat completion takes, like a real model's latency. */
  latencyMs?: number;
  /** Never answer chat completions (to watch the deadline and the fallback). */
  hang?: boolean;
  /** Called for every chat completion with the answer (for logging). */
  onAnswer?: (answer: Json) => void;
};

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9 ]+/g, " ")
      .split(/\s+/)
      .filter((w) => w.length > 2),
  );

export function routeByWords(system: string, user: string): Json {
  const message = /<customer_message>\n([\s\S]*?)\n<\/customer_message>/.exec(user)?.[1] ?? user;
  const said = words(String(JSON.parse(message)));
  const divisions = [...system.matchAll(/^- ([A-Za-z0-9_]+): (.+)$/gm)].filter((m) => m[1]?.startsWith("div_"));
  const scored = divisions.map((m) => ({ id: m[1] ?? "", hits: [...words(m[2] ?? "")].filter((w) => said.has(w)).length })).sort((a, b) => b.hits - a.hits);
  const best = scored[0];
  if (!best || best.hits === 0) {
    return {
      action: "bot_reply",
      division_id: null,
      flow_id: null,
      confidence: 0.8,
      alternatives: [],
      reason: "no division fits",
      reply: "Halo! Ada yang bisa kami bantu?",
    };
  }
  const alternatives = scored
    .slice(1, 3)
    .filter((s) => s.hits > 0)
    .map((s) => ({ division_id: s.id, confidence: 0.1 }));
  return {
    action: "handover",
    division_id: best.id,
    flow_id: null,
    confidence: 0.85,
    alternatives,
    reason: `shares ${String(best.hits)} words with the division prompt`,
    reply: null,
  };
}

/** A node:http request handler serving `/v1/chat/completions` and `/v1/embeddings`. */
export function fakeOpenAiHandler(options: FakeOpenAiOptions = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      const request = (body ? JSON.parse(body) : {}) as Json;
      if (req.url?.endsWith("/chat/completions")) {
        if (options.hang) return;
        const messages = request.messages as { content: string }[];
        const answer = routeByWords(messages[0]?.content ?? "", messages[1]?.content ?? "");
        options.onAnswer?.(answer);
        const reply = () => {
          send(200, {
            id: "chatcmpl-fake",
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: String(request.model),
            choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(answer), refusal: null }, finish_reason: "stop" }],
            usage: { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940, prompt_tokens_details: { cached_tokens: 768 } },
          });
        };
        if (options.latencyMs) setTimeout(reply, options.latencyMs);
        else reply();
        return;
      }
      if (req.url?.endsWith("/embeddings")) {
        const input = request.input;
        const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
        send(200, {
          object: "list",
          data: texts.map((t, index) => ({ object: "embedding", index, embedding: Array.from(embedLocal(t)) })),
          model: String(request.model),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        });
        return;
      }
      send(404, { error: { message: `no route ${String(req.url)}`, type: "invalid_request_error" } });
    });
  };
}
