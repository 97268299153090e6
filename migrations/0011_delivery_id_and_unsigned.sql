ALTER TABLE "bots" ADD COLUMN "refuse_unsigned_deliveries" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_events" ADD COLUMN "delivery_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_delivery_unique" ON "inbox_events" USING btree ("bot_id","delivery_id") WHERE "inbox_events"."delivery_id" is not null;