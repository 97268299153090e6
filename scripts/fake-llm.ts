import { createServer } from "node:http";
import { fakeOpenAiHandler } from "./lib/fake-openai.js";

// A stand-in OpenAI-compatible server for trying the LLM path without a vendor (scripts/lib/fake-openai.ts).
// Usage: npm run fake-llm [-- <port> [hang | <latency ms>]]   then OPENAI_BASE_URL=http://127.0.0.1:<port>/v1
// With "hang", chat completions never answer (to watch the deadline and the fallback).
const port = Number(process.argv[2] ?? 3002);
const hang = process.argv[3] === "hang";
const latencyMs = hang ? 0 : Number(process.argv[3] ?? 0);

const server = createServer(
  fakeOpenAiHandler({ hang, latencyMs, onAnswer: (answer) => process.stdout.write(`chat.completions → ${JSON.stringify(answer)}\n`) }),
);
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`fake OpenAI-compatible server on http://127.0.0.1:${String(port)}/v1${hang ? " (chat completions hang)" : ""}\n`);
});
