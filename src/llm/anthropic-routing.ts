import Anthropic from "@anthropic-ai/sdk";
import { toLlmError } from "./sdk-error.js";
import { LlmError, type RoutingLlm, type RoutingRequest, type RoutingResponse } from "./routing-port.js";

export const defaultAnthropicModel = "claude-haiku-4-5";

/**
 * Anthropic Messages with one forced tool, `route_turn`, whose input schema is the routing answer.
 * The stable system block carries `cache_control` so repeated turns of a bot read it from cache.
 */
export function createAnthropicRouting(options: { apiKey: string | undefined; baseUrl: string | undefined; model: string | undefined }): RoutingLlm {
  const client = new Anthropic({
    apiKey: options.apiKey ?? null,
    ...(options.baseUrl !== undefined && { baseURL: options.baseUrl }),
    maxRetries: 0,
  });
  const model = options.model ?? defaultAnthropicModel;
  return {
    provider: "anthropic",
    model,
    async route(request: RoutingRequest, signal: AbortSignal): Promise<RoutingResponse> {
      try {
        const message = await client.messages.create(
          {
            model,
            max_tokens: 1024,
            system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }],
            tools: [
              {
                name: "route_turn",
                description: "Record the routing decision for the customer's latest message.",
                input_schema: request.schema as Anthropic.Tool.InputSchema,
              },
            ],
            tool_choice: { type: "tool", name: "route_turn" },
            messages: [{ role: "user", content: request.user }],
          },
          { signal },
        );
        if (message.stop_reason === "refusal") throw new LlmError("refusal", "the model refused to answer");
        const call = message.content.find((block) => block.type === "tool_use" && block.name === "route_turn");
        if (call?.type !== "tool_use") throw new LlmError("malformed", `no route_turn tool call (stop reason ${String(message.stop_reason)})`);
        const usage = message.usage;
        return {
          output: call.input,
          model: message.model || model,
          tokens: {
            // Anthropic counts cache reads and writes apart from the uncached input; we report the whole prompt.
            prompt: usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
            cached: usage.cache_read_input_tokens ?? 0,
            completion: usage.output_tokens,
          },
        };
      } catch (error) {
        throw toLlmError(error, Anthropic, signal);
      }
    },
  };
}
