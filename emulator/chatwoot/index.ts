// A Chatwoot inbox emulator written from Chatwoot's own source (see README.md beside this file).
export { type ChatwootEmulator, type EmulatorOptions, startChatwootEmulator } from "./emulator.js";
export type { Target } from "./control/control.js";
export type { SeenMessage, ConversationState } from "./control/inbox-views.js";
export type { AgentBotError } from "./delivery/failure-policy.js";
export type { DeliveryJob, DeliveryOptions } from "./delivery/queue.js";
export type { FaultMode } from "./api/faults.js";
export { type ProfileName, profileNames, profiles } from "./profiles.js";
export type { WorldOptions } from "./seed.js";
export type { TypingBroadcast } from "./typing.js";
