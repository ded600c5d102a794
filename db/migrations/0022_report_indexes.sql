-- The programme report reads a range's sessions (with their pair, status and id) from this index alone.
CREATE INDEX "sessions_starts_idx" ON "sessions" USING btree ("starts_at") INCLUDE ("mentor_id", "mentee_id", "status", "id");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tracked_emails_created_idx" ON "tracked_emails" USING btree ("created_at");
