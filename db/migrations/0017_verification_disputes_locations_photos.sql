CREATE TABLE "profile_photos" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"content_type" text NOT NULL,
	"large" "bytea" NOT NULL,
	"small" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_photos_content_type" CHECK ("profile_photos"."content_type" in ('image/webp', 'image/jpeg')),
	CONSTRAINT "profile_photos_sizes" CHECK (octet_length("profile_photos"."large") between 1 and 2097152 and octet_length("profile_photos"."small") between 1 and 524288)
);
--> statement-breakpoint
ALTER TABLE "payouts" DROP CONSTRAINT "payouts_status";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "availability_calendars" ADD COLUMN "meeting_location" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "meeting_location" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "dispute_note" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "dispute_decision" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "dispute_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "dispute_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "disputable_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "profile_photos" ADD CONSTRAINT "profile_photos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dispute_decided_by_users_id_fk" FOREIGN KEY ("dispute_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payouts_disputable_idx" ON "payouts" USING btree ("disputable_until") WHERE "payouts"."status" = 'disputable';--> statement-breakpoint
ALTER TABLE "availability_calendars" ADD CONSTRAINT "availability_calendars_meeting_location_length" CHECK ("availability_calendars"."meeting_location" is null or length("availability_calendars"."meeting_location") between 1 and 500);--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_meeting_location_length" CHECK ("sessions"."meeting_location" is null or length("sessions"."meeting_location") between 1 and 500);--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dispute_shape" CHECK ("sessions"."disputed_at" is null or ("sessions"."type" = 'paid' and "sessions"."status" in ('no_show_mentee', 'no_show_mentor') and length(btrim("sessions"."dispute_note")) between 1 and 2000));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dispute_decision_shape" CHECK (("sessions"."dispute_decision" is null) = ("sessions"."dispute_decided_at" is null) and ("sessions"."dispute_decision" is null or ("sessions"."disputed_at" is not null and "sessions"."dispute_decided_by" is not null and "sessions"."dispute_decision" in ('upheld', 'overturned'))));--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_disputable_has_deadline" CHECK ("payouts"."status" <> 'disputable' or "payouts"."disputable_until" is not null);--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_status" CHECK ("payouts"."status" in ('pending', 'on_hold', 'released', 'failed', 'dead', 'disputable', 'disputed', 'cancelled'));--> statement-breakpoint
-- Accounts that existed before sign-up asked for a verified address keep booking as before.
UPDATE "users" SET "email_verified_at" = "created_at";
--> statement-breakpoint
-- A mentor's photo is on their public page, which web processes keep (see 0015).
CREATE TRIGGER mentor_schedule_photos AFTER INSERT OR UPDATE OR DELETE ON profile_photos
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('user_id');
