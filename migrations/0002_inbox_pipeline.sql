CREATE TABLE "conversations" (
	"bot_id" text NOT NULL,
	"conversation_id" integer NOT NULL,
	"account_id" integer,
	"inbox_id" integer,
	"channel" text,
	"contact_name" text,
	"inbox_status" text DEFAULT 'pending' NOT NULL,
	"inbox_updated_at" real,
	"owner" text DEFAULT 'bot' NOT NULL,
	"handed_over_to" text,
	"handed_over_at" timestamp with time zone,
	"team_id" integer,
	"flow_state" jsonb,
	"clarify_pending" integer DEFAULT 0 NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_decision_id" text,
	"last_message_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_bot_id_conversation_id_pk" PRIMARY KEY("bot_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "decisions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bot_id" text NOT NULL,
	"conversation_id" integer NOT NULL,
	"event_id" integer,
	"route" text NOT NULL,
	"division_id" text,
	"confidence" real NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"prompt_version" text,
	"model" text,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"tokens" jsonb,
	"outcome" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbox_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bot_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"event" text NOT NULL,
	"kind" text NOT NULL,
	"conversation_id" integer,
	"message_id" integer,
	"content" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue" text NOT NULL,
	"bot_id" text NOT NULL,
	"ordering_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"progress" jsonb,
	"result" jsonb,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_events" ADD CONSTRAINT "inbox_events_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decisions_conversation_idx" ON "decisions" USING btree ("bot_id","conversation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_events_dedupe_unique" ON "inbox_events" USING btree ("bot_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inbox_events_conversation_idx" ON "inbox_events" USING btree ("bot_id","conversation_id","id");--> statement-breakpoint
CREATE INDEX "jobs_runnable_idx" ON "jobs" USING btree ("run_at","id") WHERE "jobs"."status" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "jobs_ordering_idx" ON "jobs" USING btree ("ordering_key","id") WHERE "jobs"."status" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "jobs_bot_idx" ON "jobs" USING btree ("bot_id","status");