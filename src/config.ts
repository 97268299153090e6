import { z } from "zod";

// The only reader of process.env. Parsed once in main.ts and passed down as `Config`.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const urlString = (name: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), {
    message: `${name} must be an absolute URL`,
  });

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: optionalString.refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
      { message: "DATABASE_URL must start with postgres:// or postgresql://" },
    ),
    ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
      message: "ADMIN_TOKEN must be at least 16 characters",
    }),
    PUBLIC_URL: urlString("PUBLIC_URL"),
    LLM_PROVIDER: z.enum(["openai", "anthropic", "none"]).optional(),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: urlString("OPENAI_BASE_URL"),
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: urlString("ANTHROPIC_BASE_URL"),
    LLM_MODEL: optionalString,
    LLM_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(6000),
    LLM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    TURN_WAIT_BUDGET_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
    PRESENCE_MAX_AGE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    OUTBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
    READY_QUEUE_STUCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    EMBEDDINGS: z.enum(["openai", "local"]).optional(),
    EMBEDDING_MODEL: optionalString,
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.LLM_PROVIDER === "anthropic" && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["ANTHROPIC_API_KEY"],
        message: "is required when LLM_PROVIDER=anthropic",
      });
    }
    // OpenAI-compatible local servers (vLLM, Ollama) often need no key, but then a base URL is required.
    if (env.LLM_PROVIDER === "openai" && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_API_KEY"],
        message: "is required when LLM_PROVIDER=openai (or set OPENAI_BASE_URL)",
      });
    }
  });

export type LlmProviderName = "openai" | "anthropic" | "none";

export type Config = {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  adminToken: string | undefined;
  publicUrl: string;
  llm: {
    provider: LlmProviderName;
    model: string | undefined;
    deadlineMs: number;
    /** Routing calls in flight at once in this process; 429s lower it for a while (AIMD). */
    maxConcurrency: number;
    openai: { apiKey: string | undefined; baseUrl: string | undefined };
    anthropic: { apiKey: string | undefined; baseUrl: string | undefined };
  };
  /** A turn that has waited longer than this (since its delivery) is decided without the LLM. */
  turnWaitBudgetMs: number;
  /** How long one reading of agent presence from the inbox is reused (0: read it for every handover). */
  presenceMaxAgeMs: number;
  /** Jobs run at once in this process, per queue. */
  concurrency: { inbound: number; outbound: number };
  /** `/ready` fails when a due job has waited this long to be claimed. */
  readyQueueStuckSeconds: number;
  /** Where example and knowledge vectors come from; `local` needs no network. */
  embeddings: { provider: "openai" | "local"; model: string | undefined };
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function defaultProvider(env: z.infer<typeof envSchema>): LlmProviderName {
  if (env.LLM_PROVIDER) return env.LLM_PROVIDER;
  if (env.OPENAI_API_KEY) return "openai";
  if (env.ANTHROPIC_API_KEY) return "anthropic";
  return "none";
}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`),
    );
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.DATA_DIR },
    adminToken: env.ADMIN_TOKEN,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    llm: {
      provider: defaultProvider(env),
      model: env.LLM_MODEL,
      deadlineMs: env.LLM_DEADLINE_MS,
      maxConcurrency: env.LLM_MAX_CONCURRENCY,
      openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL },
      anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL },
    },
    turnWaitBudgetMs: env.TURN_WAIT_BUDGET_MS,
    presenceMaxAgeMs: env.PRESENCE_MAX_AGE_MS,
    concurrency: { inbound: env.INBOUND_CONCURRENCY, outbound: env.OUTBOUND_CONCURRENCY },
    readyQueueStuckSeconds: env.READY_QUEUE_STUCK_SECONDS,
    embeddings: {
      provider: env.EMBEDDINGS ?? (defaultProvider(env) === "openai" ? "openai" : "local"),
      model: env.EMBEDDING_MODEL,
    },
    logLevel: env.LOG_LEVEL,
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
