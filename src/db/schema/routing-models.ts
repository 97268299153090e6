import { customType, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { bots } from "./bots.js";

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // postgres.js gives a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Each bot's trained offline router (docs/decisions/0012): retrained in the background when its
 * examples or division keywords change. `version` grows by one per training, so a process caches
 * the decoded model by (bot, version) and reads only the version on a turn.
 */
export const routingModels = pgTable("routing_models", {
  botId: text()
    .primaryKey()
    .references(() => bots.id, { onDelete: "cascade" }),
  version: integer().notNull(),
  /** SHA-256 of the training data: an unchanged set is not trained again. */
  trainingHash: text().notNull(),
  /** The serialised classifier, gzip-compressed (src/ml/classifier/codec.ts). */
  model: bytea().notNull(),
  /** What training measured: examples, labels, held-out accuracy and calibration error, time. */
  report: jsonb().$type<Record<string, unknown>>().notNull(),
  trainedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
