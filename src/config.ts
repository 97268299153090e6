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

/** A retention period: whole days, or `off` (kept forever). Zero is refused: it reads as "keep nothing". */
const retentionDays = optionalString.transform((v, ctx): number | null | undefined => {
  if (v === undefined) return undefined;
  if (v.toLowerCase() === "off") return null;
  const days = Number(v);
  if (Number.isInteger(days) && days >= 1 && days <= 3650) return days;
  ctx.addIssue({ code: "custom", message: "must be a whole number of days from 1 to 3650, or off (kept forever)" });
  return z.NEVER;
});

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL must start with postgres:// or postgresql://",
    }),
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
    QUEUE_MAX_LOOP_LAG_MS: z.coerce.number().int().min(0).max(10_000).default(40),
    QUEUE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    RETENTION_TRANSCRIPTS_DAYS: retentionDays,
    RETENTION_DELIVERIES_DAYS: retentionDays,
    RETENTION_JOBS_DAYS: retentionDays,
    RETENTION_DEAD_JOBS_DAYS: retentionDays,
    RETENTION_DECISIONS_DAYS: retentionDays,
    RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    RETENTION_BATCH_ROWS: z.coerce.number().int().min(10).max(100_000).default(1000),
    EMBEDDINGS: z.enum(["openai", "local"]).optional(),
    EMBEDDING_MODEL: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
    refineRetention(env, ctx);
  });

type Env = z.infer<typeof envSchema>;

// Stored deliveries and finished jobs are deleted whole, never erased: a delivery is the
// customer's message, and an outbound job carries the messages it sent (the agent's note quotes
// the customer). So neither may outlive the transcripts (docs/decisions/0016).
const textCarriers = [
  { name: "RETENTION_DELIVERIES_DAYS", why: "a stored delivery holds the customer's message" },
  { name: "RETENTION_JOBS_DAYS", why: "a finished job holds the messages it sent" },
  { name: "RETENTION_DEAD_JOBS_DAYS", why: "a dead job holds the messages it was to send" },
] as const;

function refineRetention(env: Env, ctx: z.RefinementCtx): void {
  const transcripts = env.RETENTION_TRANSCRIPTS_DAYS === undefined ? retentionDefaults.transcripts : env.RETENTION_TRANSCRIPTS_DAYS;
  if (transcripts === null) return;
  for (const { name, why } of textCarriers) {
    const days = env[name];
    if (days === undefined || (days !== null && days <= transcripts)) continue;
    ctx.addIssue({
      code: "custom",
      path: [name],
      message: `may not exceed RETENTION_TRANSCRIPTS_DAYS (${String(transcripts)}): ${why}; raise both, or set both to off`,
    });
  }
}

/** Days each kind of record is kept; null = kept forever (`off`). */
export type RetentionPeriods = {
  /** Customer text in conversations' history and decisions: erased, the rows stay. */
  transcriptsDays: number | null;
  /** Stored webhook deliveries (`inbox_events`): also the de-duplication window. */
  deliveriesDays: number | null;
  jobsDays: number | null;
  deadJobsDays: number | null;
  decisionsDays: number | null;
};

export const retentionDefaults = { transcripts: 30, deliveries: 30, jobs: 7, deadJobs: 30, decisions: 180 } as const;

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
  /** Past this event-loop lag the queue takes new jobs one at a time (0: never). */
  queueMaxLoopLagMs: number;
  /** How often an idle queue looks for jobs nobody woke it for (another process's, a retry come due). */
  queuePollMs: number;
  /** Where example and knowledge vectors come from; `local` needs no network. */
  embeddings: { provider: "openai" | "local"; model: string | undefined };
  /** What is pruned after how long, how often, in batches of how many rows (docs/decisions/0016). */
  retention: RetentionPeriods & { intervalMinutes: number; batchRows: number };
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Unset periods take their default, at most the transcripts period where the record holds text. */
function retentionPeriods(env: Env): RetentionPeriods {
  const transcripts = env.RETENTION_TRANSCRIPTS_DAYS === undefined ? retentionDefaults.transcripts : env.RETENTION_TRANSCRIPTS_DAYS;
  const capped = (fallback: number) => (transcripts === null ? fallback : Math.min(fallback, transcripts));
  const pick = (value: number | null | undefined, fallback: number) => (value === undefined ? fallback : value);
  return {
    transcriptsDays: transcripts,
    deliveriesDays: pick(env.RETENTION_DELIVERIES_DAYS, capped(retentionDefaults.deliveries)),
    jobsDays: pick(env.RETENTION_JOBS_DAYS, capped(retentionDefaults.jobs)),
    deadJobsDays: pick(env.RETENTION_DEAD_JOBS_DAYS, capped(retentionDefaults.deadJobs)),
    decisionsDays: pick(env.RETENTION_DECISIONS_DAYS, retentionDefaults.decisions),
  };
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
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.DATA_DIR },
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
    queueMaxLoopLagMs: env.QUEUE_MAX_LOOP_LAG_MS,
    queuePollMs: env.QUEUE_POLL_MS,
    embeddings: {
      provider: env.EMBEDDINGS ?? (defaultProvider(env) === "openai" ? "openai" : "local"),
      model: env.EMBEDDING_MODEL,
    },
    retention: { ...retentionPeriods(env), intervalMinutes: env.RETENTION_INTERVAL_MINUTES, batchRows: env.RETENTION_BATCH_ROWS },
    logLevel: env.LOG_LEVEL,
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}
