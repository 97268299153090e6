import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { OfficeHours } from "../../domain/office-hours.js";
import type { Settings } from "../../domain/settings.js";
import { bots } from "./bots.js";
import { timestamps } from "./columns.js";

// One row per bot; the documents are validated by the domain schemas before every write.
export const botSettings = pgTable("bot_settings", {
  botId: text()
    .primaryKey()
    .references(() => bots.id, { onDelete: "cascade" }),
  settings: jsonb().$type<Settings>().notNull(),
  officeHours: jsonb().$type<OfficeHours>().notNull(),
  ...timestamps,
});
