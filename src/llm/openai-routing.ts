import OpenAI from "openai";
import { toLlmError, parseModelJson } from "./sdk-error.js";
import { LlmError, type RoutingLlm, type RoutingRequest, type RoutingResponse } from "./routing-port.js";

export const defaultOpenAiModel = "gpt-4o-mini";

/**
 * Chat Completions with a strict `json_schema` response format. Works with OpenAI and with
 * OpenAI-compatible servers (vLLM, Ollama, Azure) through `baseUrl`. Stable content goes first
 * (system), so the provider's automatic prefix caching applies across turns.
 */
export function createOpenAiRouting(options: { apiKey: string | undefined; baseUrl: string | undefined; model: string | undefined }): RoutingLlm {
  const client = new OpenAI({
    // Local OpenAI-compatible servers often need no key, but the SDK insists on one.
    apiKey: options.apiKey ?? "not-needed",
    ...(options.baseUrl !== undefined && { baseURL: options.baseUrl }),
    maxRetries: 0,
  });
  const model = options.model ?? defaultOpenAiModel;
  return {
    provider: "openai",
    model,
    async route(request: RoutingRequest, signal: AbortSignal): Promise<RoutingResponse> {
      try {
        const completion = await client.chat.completions.create(
          {
            model,
            temperature: 0,
            messages: [
              { role: "system", content: request.system },
              { role: "user", content: request.user },
            ],
            response_format: { type: "json_schema", json_schema: { name: "route_turn", strict: true, schema: request.schema } },
          },
          { signal },
        );
        const message = completion.choices[0]?.message;
        if (!message) throw new LlmError("malformed", "the response has no choices");
        if (message.refusal) throw new LlmError("refusal", `the model refused: ${message.refusal}`);
        if (!message.content) throw new LlmError("malformed", "the response has no content");
        const usage = completion.usage;
        return {
          output: parseModelJson(message.content),
          model: completion.model || model,
          tokens: {
            prompt: usage?.prompt_tokens ?? 0,
            cached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
            completion: usage?.completion_tokens ?? 0,
          },
        };
      } catch (error) {
        throw toLlmError(error, OpenAI, signal);
      }
    },
  };
}
