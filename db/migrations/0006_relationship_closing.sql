ALTER TABLE "relationships" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "closing_note" text;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_closing_note_length" CHECK ("relationships"."closing_note" is null or length("relationships"."closing_note") <= 2000);