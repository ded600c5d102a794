CREATE TABLE "journey_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"period_id" uuid,
	"recipient_email" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_for" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "journey_links_purpose" CHECK ("journey_links"."purpose" in ('manager_validation', 'partner_confirmation', 'reflection')),
	CONSTRAINT "journey_links_used_together" CHECK (("journey_links"."used_at" is null) = ("journey_links"."used_for" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"audience" jsonb DEFAULT '{"roles":[],"statuses":[]}'::jsonb NOT NULL,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_announcements_title_length" CHECK (length(btrim("programme_announcements"."title")) between 1 and 200),
	CONSTRAINT "programme_announcements_body_length" CHECK (length("programme_announcements"."body") <= 20000)
);
--> statement-breakpoint
ALTER TABLE "email_mutes" DROP CONSTRAINT "email_mutes_category";--> statement-breakpoint
ALTER TABLE "email_outbox" DROP CONSTRAINT "email_outbox_category";--> statement-breakpoint
ALTER TABLE "email_outbox" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "journey_links" ADD CONSTRAINT "journey_links_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_links" ADD CONSTRAINT "journey_links_period_id_engagement_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."engagement_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_announcements" ADD CONSTRAINT "programme_announcements_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_announcements" ADD CONSTRAINT "programme_announcements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_links_registration_idx" ON "journey_links" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "programme_announcements_programme_idx" ON "programme_announcements" USING btree ("programme_id","created_at");--> statement-breakpoint
ALTER TABLE "email_mutes" ADD CONSTRAINT "email_mutes_category" CHECK ("email_mutes"."category" in ('session_reminder', 'confirm_reminder', 'schedule_reminder', 'admin_alert', 'programme_reminder'));--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_category" CHECK ("email_outbox"."category" in ('transactional', 'session_reminder', 'confirm_reminder', 'schedule_reminder', 'admin_alert', 'programme_reminder'));