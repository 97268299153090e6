CREATE INDEX "conversations_oldest_text_idx" ON "conversations" USING btree (("history" -> 0 ->> 'at') collate "C") WHERE "conversations"."history" <> '[]'::jsonb;--> statement-breakpoint
CREATE INDEX "conversations_idle_contact_idx" ON "conversations" USING btree ("updated_at") WHERE "conversations"."history" = '[]'::jsonb and "conversations"."contact_name" is not null;--> statement-breakpoint
CREATE INDEX "decisions_created_idx" ON "decisions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "decisions_text_idx" ON "decisions" USING btree ("created_at") WHERE "decisions"."text" is not null;--> statement-breakpoint
CREATE INDEX "inbox_events_received_idx" ON "inbox_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "jobs_finished_idx" ON "jobs" USING btree ("status","finished_at") WHERE "jobs"."status" in ('done', 'dead');