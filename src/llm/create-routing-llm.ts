import type { Config } from "../config.js";
import { createAnthropicRouting } from "./anthropic-routing.js";
import { createOpenAiRouting } from "./openai-routing.js";
import type { RoutingLlm } from "./routing-port.js";

/** The configured routing LLM, or null for `LLM_PROVIDER=none` (deterministic fallback only). */
export function createRoutingLlm(llm: Pick<Config["llm"], "provider" | "model" | "openai" | "anthropic">): RoutingLlm | null {
  if (llm.provider === "openai") return createOpenAiRouting({ ...llm.openai, model: llm.model });
  if (llm.provider === "anthropic") return createAnthropicRouting({ ...llm.anthropic, model: llm.model });
  return null;
}
