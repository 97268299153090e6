export * from "./admin-tokens.js";
export * from "./bot-settings.js";
export * from "./bots.js";
export * from "./division-prompt-versions.js";
export * from "./divisions.js";
