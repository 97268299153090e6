ALTER TABLE "divisions" ADD COLUMN "priority" text;--> statement-breakpoint
ALTER TABLE "divisions" ADD COLUMN "labels" jsonb DEFAULT '[]'::jsonb NOT NULL;