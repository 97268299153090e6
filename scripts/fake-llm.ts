import { createServer } from "node:http";
import { embedLocal } from "../src/semantic/local-embedding.js";

// A stand-in OpenAI-compatible server for trying the LLM path without a vendor. It answers Chat
// Completions in the strict json_schema shape Switchboard asks for, choosing the division whose
// line in the system prompt shares the most words with the customer's message, and serves
// /embeddings from the local embedding.
// Usage: npm run fake-llm [-- <port> [hang]]   then OPENAI_BASE_URL=http://127.0.0.1:<port>/v1
// With "hang", chat completions never answer (to watch the deadline and the fallback).
const port = Number(process.argv[2] ?? 3002);
const hang = process.argv[3] === "hang";

type Json = Record<string, unknown>;
const words = (text: string) => new Set(text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9 ]+/g, " ").split(/\s+/).filter((w) => w.length > 2));

function route(system: string, user: string): Json {
  const message = /<customer_message>\n([\s\S]*?)\n<\/customer_message>/.exec(user)?.[1] ?? user;
  const said = words(String(JSON.parse(message)));
  const divisions = [...system.matchAll(/^- ([A-Za-z0-9_]+): (.+)$/gm)].filter((m) => m[1]?.startsWith("div_"));
  const scored = divisions
    .map((m) => ({ id: m[1] ?? "", hits: [...words(m[2] ?? "")].filter((w) => said.has(w)).length }))
    .sort((a, b) => b.hits - a.hits);
  const best = scored[0];
  if (!best || best.hits === 0) {
    return { action: "bot_reply", division_id: null, flow_id: null, confidence: 0.8, alternatives: [], reason: "no division fits", reply: "Halo! Ada yang bisa kami bantu?" };
  }
  const alternatives = scored.slice(1, 3).filter((s) => s.hits > 0).map((s) => ({ division_id: s.id, confidence: 0.1 }));
  return { action: "handover", division_id: best.id, flow_id: null, confidence: 0.85, alternatives, reason: `shares ${String(best.hits)} words with the division prompt`, reply: null };
}

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const request = (body ? JSON.parse(body) : {}) as Json;
    if (req.url?.endsWith("/chat/completions")) {
      process.stdout.write(`chat.completions ${hang ? "(hanging)" : ""}\n`);
      if (hang) return;
      const messages = request.messages as { content: string }[];
      const answer = route(messages[0]?.content ?? "", messages[1]?.content ?? "");
      process.stdout.write(`  → ${JSON.stringify(answer)}\n`);
      send(200, {
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: String(request.model),
        choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(answer), refusal: null }, finish_reason: "stop" }],
        usage: { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940, prompt_tokens_details: { cached_tokens: 768 } },
      });
      return;
    }
    if (req.url?.endsWith("/embeddings")) {
      const input = request.input;
      const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
      send(200, { object: "list", data: texts.map((t, index) => ({ object: "embedding", index, embedding: Array.from(embedLocal(t)) })), model: String(request.model), usage: { prompt_tokens: 1, total_tokens: 1 } });
      return;
    }
    send(404, { error: { message: `no route ${String(req.url)}`, type: "invalid_request_error" } });
  });
});
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`fake OpenAI-compatible server on http://127.0.0.1:${String(port)}/v1${hang ? " (chat completions hang)" : ""}\n`);
});
