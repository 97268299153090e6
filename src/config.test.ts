import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.js";

describe("parseConfig", () => {
  it("has working defaults with no environment at all", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      database: { kind: "pglite", dataDir: "./data" },
      adminToken: undefined,
      publicUrl: "http://localhost:3000",
      llm: { provider: "none", deadlineMs: 6000 },
      logLevel: "info",
    });
  });

  it("switches to Postgres when DATABASE_URL is set, and treats empty strings as unset", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u@h/db" }).database).toEqual({ kind: "postgres", url: "postgres://u@h/db" });
    expect(parseConfig({ DATABASE_URL: "" }).database.kind).toBe("pglite");
  });

  it("picks the LLM provider from the keys present", () => {
    expect(parseConfig({ OPENAI_API_KEY: "sk-x" }).llm.provider).toBe("openai");
    expect(parseConfig({ ANTHROPIC_API_KEY: "sk-ant" }).llm.provider).toBe("anthropic");
    expect(parseConfig({ OPENAI_API_KEY: "sk-x", ANTHROPIC_API_KEY: "a", LLM_PROVIDER: "anthropic" }).llm.provider).toBe("anthropic");
    expect(parseConfig({ LLM_PROVIDER: "openai", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" }).llm.provider).toBe("openai");
  });

  it("reads agent presence at most 10 s old by default, and as configured", () => {
    expect(parseConfig({}).presenceMaxAgeMs).toBe(10_000);
    expect(parseConfig({ PRESENCE_MAX_AGE_MS: "0" }).presenceMaxAgeMs).toBe(0);
    expect(() => parseConfig({ PRESENCE_MAX_AGE_MS: "-1" })).toThrow(/PRESENCE_MAX_AGE_MS/);
  });

  it("builds PUBLIC_URL from the port and strips a trailing slash", () => {
    expect(parseConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseConfig({ PUBLIC_URL: "https://sb.example.com/" }).publicUrl).toBe("https://sb.example.com");
  });

  it("lists every invalid variable by name", () => {
    try {
      parseConfig({
        PORT: "seventy",
        DATABASE_URL: "mysql://x",
        ADMIN_TOKEN: "short",
        LLM_PROVIDER: "gemini",
        LLM_DEADLINE_MS: "5",
        LOG_LEVEL: "loud",
        PUBLIC_URL: "not a url",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ["PORT", "DATABASE_URL", "ADMIN_TOKEN", "LLM_PROVIDER", "LLM_DEADLINE_MS", "LOG_LEVEL", "PUBLIC_URL"]) {
        expect(message).toContain(name);
      }
    }
  });

  it("keeps transcripts 30 days, deliveries 30, jobs 7, dead jobs 30 and decisions 180 unless told otherwise", () => {
    expect(parseConfig({}).retention).toEqual({
      transcriptsDays: 30,
      deliveriesDays: 30,
      jobsDays: 7,
      deadJobsDays: 30,
      decisionsDays: 180,
      intervalMinutes: 60,
      batchRows: 1000,
    });
  });

  it("reads off as kept forever, refuses zero, and caps defaults of what holds text at the transcripts period", () => {
    expect(parseConfig({ RETENTION_DECISIONS_DAYS: "off", RETENTION_TRANSCRIPTS_DAYS: "OFF" }).retention).toMatchObject({
      decisionsDays: null,
      transcriptsDays: null,
      deliveriesDays: 30,
    });
    expect(parseConfig({ RETENTION_TRANSCRIPTS_DAYS: "5" }).retention).toMatchObject({
      transcriptsDays: 5,
      deliveriesDays: 5,
      jobsDays: 5,
      deadJobsDays: 5,
      decisionsDays: 180,
    });
    expect(parseConfig({ RETENTION_TRANSCRIPTS_DAYS: "90", RETENTION_DEAD_JOBS_DAYS: "90" }).retention).toMatchObject({ deadJobsDays: 90, deliveriesDays: 30 });
    expect(() => parseConfig({ RETENTION_JOBS_DAYS: "0" })).toThrow(/RETENTION_JOBS_DAYS: must be a whole number of days from 1 to 3650, or off/);
    expect(() => parseConfig({ RETENTION_DECISIONS_DAYS: "1.5" })).toThrow(/RETENTION_DECISIONS_DAYS/);
  });

  it("refuses to keep deliveries or finished jobs longer than the transcripts, naming the variable", () => {
    expect(() => parseConfig({ RETENTION_DELIVERIES_DAYS: "60" })).toThrow(/RETENTION_DELIVERIES_DAYS: may not exceed RETENTION_TRANSCRIPTS_DAYS \(30\)/);
    expect(() => parseConfig({ RETENTION_TRANSCRIPTS_DAYS: "10", RETENTION_DEAD_JOBS_DAYS: "off" })).toThrow(/RETENTION_DEAD_JOBS_DAYS/);
    expect(() => parseConfig({ RETENTION_JOBS_DAYS: "31" })).toThrow(/RETENTION_JOBS_DAYS/);
  });

  it("requires a key (or base URL) for the provider asked for", () => {
    expect(() => parseConfig({ LLM_PROVIDER: "anthropic" })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => parseConfig({ LLM_PROVIDER: "openai" })).toThrow(/OPENAI_API_KEY/);
  });
});
