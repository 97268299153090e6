ALTER TABLE "conversations" ALTER COLUMN "inbox_updated_at" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "omnichat_agent_bot_id" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "owner_reason" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "owner_since" double precision;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "open_seen_at" double precision;