import { HttpResponse, http } from "msw";
import { z } from "zod";
import type { RouteOutput } from "../../src/domain/route-output.js";

/**
 * The two LLM vendors' HTTP APIs with their real response shapes (OpenAI Chat Completions,
 * Anthropic Messages), so the real SDKs run end to end. A test sets how the model answers (a
 * function of the request) and scripts failures: 429, 500, Anthropic's 529, a hang past the
 * deadline, malformed JSON, a refusal.
 */
export type LlmFailure = "429" | "500" | "529" | "hang" | "malformed" | "refusal";

export type RouteAnswer = {
  action: RouteOutput["action"];
  division_id: string | null;
  flow_id?: string | null;
  confidence: number;
  alternatives?: { division_id: string; confidence: number }[];
  reason: string;
  reply?: string | null;
};

export type LlmRequest = { system: string; user: string; schema: Record<string, unknown> | undefined; body: Record<string, unknown> };

// What the handlers read of the SDKs' requests (OpenAI Chat Completions, Anthropic Messages); the rest is kept as sent.
const jsonObject = z.record(z.string(), z.unknown());
const openAiRequestSchema = z
  .object({
    messages: z.tuple([z.object({ content: z.string() }).loose(), z.object({ content: z.string() }).loose()]).rest(z.unknown()),
    response_format: z
      .object({ json_schema: z.object({ schema: jsonObject }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();
const anthropicRequestSchema = z
  .object({
    system: z.tuple([z.object({ text: z.string() }).loose()]).rest(z.unknown()),
    messages: z.tuple([z.object({ content: z.string() }).loose()]).rest(z.unknown()),
    tools: z.tuple([z.object({ input_schema: jsonObject }).loose()]).rest(z.unknown()),
  })
  .loose();

export const openAiBaseUrl = "https://llm.test/v1";
export const anthropicBaseUrl = "https://anthropic.test";

const abortable = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function createLlmMock(options: { hangMs?: number; usage?: { prompt: number; cached: number; completion: number } } = {}) {
  const requests: LlmRequest[] = [];
  const failures: LlmFailure[] = [];
  let answer: (req: LlmRequest) => RouteAnswer | Promise<RouteAnswer> = () => ({
    action: "bot_reply",
    division_id: null,
    confidence: 0.9,
    reason: "small talk",
    reply: "Halo! Ada yang bisa kami bantu?",
  });
  const usage = options.usage ?? { prompt: 1200, cached: 1024, completion: 60 };
  const hangMs = options.hangMs ?? 10_000;

  const full = (a: RouteAnswer) => ({ flow_id: null, alternatives: [], reply: null, ...a });

  const openai = http.post(`${openAiBaseUrl}/chat/completions`, async ({ request }) => {
    const body = openAiRequestSchema.parse(await request.json());
    const req: LlmRequest = {
      system: body.messages[0].content,
      user: body.messages[1].content,
      schema: body.response_format?.json_schema?.schema,
      body,
    };
    requests.push(req);
    const failure = failures.shift();
    if (failure === "hang") await abortable(hangMs, request.signal);
    if (failure === "429") {
      return HttpResponse.json(
        {
          error: {
            message: "Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 500.",
            type: "requests",
            param: null,
            code: "rate_limit_exceeded",
          },
        },
        { status: 429, headers: { "retry-after": "0", "x-request-id": "req_429" } },
      );
    }
    if (failure === "500" || failure === "529") {
      return HttpResponse.json(
        { error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null } },
        { status: Number(failure) },
      );
    }
    const content = failure === "malformed" ? '{"action": "handover", "division_id": ' : failure === "refusal" ? null : JSON.stringify(full(await answer(req)));
    return HttpResponse.json({
      id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      object: "chat.completion",
      created: 1741570283,
      model: `${String(body.model)}-2024-07-18`,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: failure === "refusal" ? "I'm sorry, I can't assist with that request." : null, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
        prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: "default",
      system_fingerprint: "fp_06737a9306",
    });
  });

  const anthropic = http.post(`${anthropicBaseUrl}/v1/messages`, async ({ request }) => {
    const body = anthropicRequestSchema.parse(await request.json());
    const req: LlmRequest = { system: body.system[0].text, user: body.messages[0].content, schema: body.tools[0].input_schema, body };
    requests.push(req);
    const failure = failures.shift();
    if (failure === "hang") await abortable(hangMs, request.signal);
    const error = (status: number, type: string, message: string) =>
      HttpResponse.json({ type: "error", error: { type, message }, request_id: "req_011CSHoEeqs5C35K2UUqR7Fy" }, { status });
    if (failure === "429") return error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
    if (failure === "500") return error(500, "api_error", "Internal server error");
    if (failure === "529") return error(529, "overloaded_error", "Overloaded");
    const base = {
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5-20251001",
      stop_sequence: null,
      usage: {
        input_tokens: usage.prompt - usage.cached,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: usage.cached,
        output_tokens: usage.completion,
        service_tier: "standard",
      },
    };
    if (failure === "refusal") return HttpResponse.json({ ...base, content: [], stop_reason: "refusal" });
    const input = failure === "malformed" ? { action: "handover", confidence: "high" } : full(await answer(req));
    return HttpResponse.json({
      ...base,
      content: [{ type: "tool_use", id: "toolu_01A09q90qw90lq917835lq9", name: "route_turn", input }],
      stop_reason: "tool_use",
    });
  });

  return {
    handlers: [openai, anthropic],
    requests,
    /** How the model answers from now on. */
    /** How the model answers; an async answer lets a test look at the world while the model "thinks". */
    answerWith(fn: (req: LlmRequest) => RouteAnswer | Promise<RouteAnswer>) {
      answer = fn;
    },
    /** The next calls fail this way, one failure per call, in order. */
    failNext(...kinds: LlmFailure[]) {
      failures.push(...kinds);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
  };
}
