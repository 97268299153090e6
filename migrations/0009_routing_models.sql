CREATE TABLE "routing_models" (
	"bot_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"training_hash" text NOT NULL,
	"model" "bytea" NOT NULL,
	"report" jsonb NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routing_models" ADD CONSTRAINT "routing_models_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;