CREATE TYPE "public"."matching_mode" AS ENUM('self', 'admin', 'facilitator');--> statement-breakpoint
CREATE TYPE "public"."registration_role" AS ENUM('mentor', 'mentee');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('application', 'searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation', 'completed', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "engagement_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_periods_end_after_start" CHECK ("engagement_periods"."end_date" is null or "engagement_periods"."end_date" >= "engagement_periods"."start_date")
);
--> statement-breakpoint
CREATE TABLE "programme_coordinators" (
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" jsonb DEFAULT '{"roles":[],"departments":[],"locations":[],"emailDomains":[]}'::jsonb NOT NULL,
	"group_size" integer DEFAULT 1 NOT NULL,
	"matching_mode" "matching_mode" NOT NULL,
	"manager_validation" boolean DEFAULT false NOT NULL,
	"lapse_days" integer DEFAULT 45 NOT NULL,
	"weights" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_slug_unique" UNIQUE("slug"),
	CONSTRAINT "programmes_slug_format" CHECK ("programmes"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "programmes_group_size_range" CHECK ("programmes"."group_size" >= 1),
	CONSTRAINT "programmes_lapse_days_range" CHECK ("programmes"."lapse_days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "registration_role" NOT NULL,
	"status" "registration_status" DEFAULT 'application' NOT NULL,
	"capacity" integer,
	"manager_email" text,
	"partner_email" text,
	"motivation" text DEFAULT '' NOT NULL,
	"decline_reason" text,
	"validated_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_capacity_for_mentors" CHECK ("registrations"."capacity" is null or ("registrations"."role" = 'mentor' and "registrations"."capacity" between 1 and 50)),
	CONSTRAINT "registrations_declined_has_reason" CHECK ("registrations"."status" <> 'declined' or length(btrim(coalesce("registrations"."decline_reason", ''))) > 0),
	CONSTRAINT "registrations_motivation_length" CHECK (length("registrations"."motivation") <= 4000)
);
--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "engagement_periods" ADD CONSTRAINT "engagement_periods_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_coordinators" ADD CONSTRAINT "programme_coordinators_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_coordinators" ADD CONSTRAINT "programme_coordinators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_periods_registration_idx" ON "engagement_periods" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_coordinators_unique" ON "programme_coordinators" USING btree ("programme_id","user_id");--> statement-breakpoint
CREATE INDEX "programme_coordinators_user_idx" ON "programme_coordinators" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_open_unique" ON "registrations" USING btree ("programme_id","user_id","role") WHERE "registrations"."status" not in ('completed', 'declined', 'withdrawn');--> statement-breakpoint
CREATE INDEX "registrations_programme_status_idx" ON "registrations" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "registrations_user_idx" ON "registrations" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relationships_programme_idx" ON "relationships" USING btree ("programme_id");