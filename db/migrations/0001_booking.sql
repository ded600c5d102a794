CREATE TABLE "availability_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"type" text NOT NULL,
	"time_zone" text NOT NULL,
	"slot_minutes" integer DEFAULT 60 NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"min_lead_minutes" integer DEFAULT 1440 NOT NULL,
	"max_lead_minutes" integer DEFAULT 86400 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_calendars_type" CHECK ("availability_calendars"."type" in ('intro', 'paid')),
	CONSTRAINT "availability_calendars_slot_range" CHECK ("availability_calendars"."slot_minutes" between 10 and 480),
	CONSTRAINT "availability_calendars_buffer_range" CHECK ("availability_calendars"."buffer_minutes" between 0 and 120),
	CONSTRAINT "availability_calendars_lead_order" CHECK ("availability_calendars"."min_lead_minutes" >= 0 and "availability_calendars"."max_lead_minutes" > "availability_calendars"."min_lead_minutes"),
	CONSTRAINT "availability_calendars_intro_fixed" CHECK ("availability_calendars"."type" <> 'intro' or ("availability_calendars"."slot_minutes" = 20 and "availability_calendars"."min_lead_minutes" = 2880 and "availability_calendars"."max_lead_minutes" = 20160))
);
--> statement-breakpoint
CREATE TABLE "availability_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"blocked" boolean NOT NULL,
	"start_time" time,
	"end_time" time,
	CONSTRAINT "availability_overrides_shape" CHECK (("availability_overrides"."blocked" and "availability_overrides"."start_time" is null and "availability_overrides"."end_time" is null) or (not "availability_overrides"."blocked" and "availability_overrides"."start_time" is not null and "availability_overrides"."end_time" > "availability_overrides"."start_time"))
);
--> statement-breakpoint
CREATE TABLE "availability_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"rrule" text NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "availability_windows_weekday_range" CHECK ("availability_windows"."weekday" between 1 and 7),
	CONSTRAINT "availability_windows_end_after_start" CHECK ("availability_windows"."end_time" > "availability_windows"."start_time"),
	CONSTRAINT "availability_windows_rrule_weekly" CHECK ("availability_windows"."rrule" like 'FREQ=WEEKLY%')
);
--> statement-breakpoint
CREATE TABLE "bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"session_minutes" integer NOT NULL,
	"credits_total" integer NOT NULL,
	"credits_reserved" integer DEFAULT 0 NOT NULL,
	"credits_consumed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundles_status" CHECK ("bundles"."status" in ('pending', 'active', 'refunded', 'expired')),
	CONSTRAINT "bundles_mentor_not_mentee" CHECK ("bundles"."mentor_id" <> "bundles"."mentee_id"),
	CONSTRAINT "bundles_session_minutes_range" CHECK ("bundles"."session_minutes" between 10 and 480),
	CONSTRAINT "bundles_credits_total_positive" CHECK ("bundles"."credits_total" > 0),
	CONSTRAINT "bundles_credits_reserved_nonnegative" CHECK ("bundles"."credits_reserved" >= 0),
	CONSTRAINT "bundles_credits_consumed_nonnegative" CHECK ("bundles"."credits_consumed" >= 0),
	CONSTRAINT "bundles_credits_within_total" CHECK ("bundles"."credits_reserved" + "bundles"."credits_consumed" <= "bundles"."credits_total")
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"origin" text NOT NULL,
	"mentor_confirmed_at" timestamp with time zone,
	"mentee_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_status" CHECK ("relationships"."status" in ('pending', 'confirmed', 'declined', 'ended')),
	CONSTRAINT "relationships_origin" CHECK ("relationships"."origin" in ('intro', 'admin')),
	CONSTRAINT "relationships_mentor_not_mentee" CHECK ("relationships"."mentor_id" <> "relationships"."mentee_id"),
	CONSTRAINT "relationships_confirmed_by_both" CHECK ("relationships"."status" <> 'confirmed' or ("relationships"."mentor_confirmed_at" is not null and "relationships"."mentee_confirmed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"bundle_id" uuid,
	"intro_form" jsonb,
	"rejection_reason" text,
	"cancelled_by" uuid,
	"cancellation_reason" text,
	"intro_decision" text,
	"quota_month" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_type" CHECK ("sessions"."type" in ('intro', 'paid')),
	CONSTRAINT "sessions_status" CHECK ("sessions"."status" in ('pending', 'scheduled', 'rejected', 'expired', 'cancelled', 'awaiting_confirmation', 'completed', 'no_show_mentee', 'no_show_mentor')),
	CONSTRAINT "sessions_mentor_not_mentee" CHECK ("sessions"."mentor_id" <> "sessions"."mentee_id"),
	CONSTRAINT "sessions_ends_after_start" CHECK ("sessions"."ends_at" > "sessions"."starts_at"),
	CONSTRAINT "sessions_quota_month_format" CHECK ("sessions"."quota_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "sessions_bundle_iff_paid" CHECK (("sessions"."type" = 'paid') = ("sessions"."bundle_id" is not null)),
	CONSTRAINT "sessions_intro_form_iff_intro" CHECK (("sessions"."type" = 'intro') = ("sessions"."intro_form" is not null)),
	CONSTRAINT "sessions_intro_only_pending_for_intros" CHECK ("sessions"."type" = 'intro' or "sessions"."status" <> 'pending'),
	CONSTRAINT "sessions_decision_for_intros" CHECK ("sessions"."intro_decision" is null or "sessions"."type" = 'intro'),
	CONSTRAINT "sessions_intro_decision" CHECK ("sessions"."intro_decision" is null or "sessions"."intro_decision" in ('approve_continuation', 'reject')),
	CONSTRAINT "sessions_rejection_has_reason" CHECK ("sessions"."status" <> 'rejected' or length(btrim("sessions"."rejection_reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "availability_calendars" ADD CONSTRAINT "availability_calendars_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_overrides" ADD CONSTRAINT "availability_overrides_calendar_id_availability_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."availability_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_windows" ADD CONSTRAINT "availability_windows_calendar_id_availability_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."availability_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_mentee_id_users_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_bundle_id_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "availability_calendars_mentor_type_unique" ON "availability_calendars" USING btree ("mentor_id","type");--> statement-breakpoint
CREATE INDEX "availability_overrides_calendar_date_idx" ON "availability_overrides" USING btree ("calendar_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "availability_overrides_blocked_unique" ON "availability_overrides" USING btree ("calendar_id","date") WHERE "availability_overrides"."blocked";--> statement-breakpoint
CREATE INDEX "availability_windows_calendar_idx" ON "availability_windows" USING btree ("calendar_id");--> statement-breakpoint
CREATE INDEX "bundles_mentee_mentor_idx" ON "bundles" USING btree ("mentee_id","mentor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relationships_live_pair_unique" ON "relationships" USING btree ("mentor_id","mentee_id") WHERE "relationships"."status" in ('pending', 'confirmed');--> statement-breakpoint
CREATE INDEX "relationships_mentee_idx" ON "relationships" USING btree ("mentee_id");--> statement-breakpoint
CREATE INDEX "sessions_mentor_starts_idx" ON "sessions" USING btree ("mentor_id","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_mentee_starts_idx" ON "sessions" USING btree ("mentee_id","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_intro_quota_idx" ON "sessions" USING btree ("mentee_id","quota_month") WHERE "sessions"."type" = 'intro';--> statement-breakpoint
CREATE INDEX "sessions_bundle_idx" ON "sessions" USING btree ("bundle_id");