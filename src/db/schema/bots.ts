import { bigint, boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.js";

export const bots = pgTable("bots", {
  id: text().primaryKey(),
  /** Insertion order, for stable listings even when timestamps tie. */
  seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
  name: text().notNull(),
  /** SHA-256 (hex) of the token in the webhook URL; the token itself is shown once. */
  webhookTokenHash: text().notNull(),
  // Nullable: a bot imported without inbox credentials exists (for the emulator and evals) but cannot send.
  omnichatBaseUrl: text(),
  omnichatAccountId: integer(),
  omnichatInboxId: integer(),
  /** This bot's own agent-bot id in the inbox, learned from its first send (assignments name it). */
  omnichatAgentBotId: integer(),
  // Write-only credentials: needed in clear to call the inbox and verify signatures, never returned.
  omnichatBotToken: text(),
  omnichatAdminToken: text(),
  signingSecret: text(),
  /**
   * Bumped by database triggers whenever the bot's settings, divisions or flows change (migration
   * 0008), so a process can cache the configuration a turn reads and know when it is stale.
   */
  configVersion: integer().notNull().default(0),
  /** Refuse deliveries without a valid signature even when no signing secret is set (then: all of them). */
  refuseUnsignedDeliveries: boolean().notNull().default(false),
  ...timestamps,
});
