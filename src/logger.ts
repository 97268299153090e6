import pino, { type Logger } from "pino";

// Secrets must never reach the logs, whatever object they are nested in.
const redactPaths = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "api_access_token",
  "*.api_access_token",
  "*.headers.api_access_token",
  "botToken",
  "*.botToken",
  "adminToken",
  "*.adminToken",
  "signingSecret",
  "*.signingSecret",
  "pubsub_token",
  "*.pubsub_token",
  "*.*.pubsub_token",
  "apiKey",
  "*.apiKey",
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "switchboard" },
    redact: { paths: redactPaths, censor: "[redacted]" },
  });
}
