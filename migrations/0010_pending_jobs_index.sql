DROP INDEX "jobs_runnable_idx";--> statement-breakpoint
DROP INDEX "jobs_bot_idx";--> statement-breakpoint
CREATE INDEX "jobs_pending_idx" ON "jobs" USING btree ("queue","id") WHERE "jobs"."status" = 'pending';