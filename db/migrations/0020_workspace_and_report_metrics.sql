CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"title" text NOT NULL,
	"why" text,
	"target_date" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"achieved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_status" CHECK ("goals"."status" in ('not_started', 'in_progress', 'achieved', 'dropped')),
	CONSTRAINT "goals_progress_range" CHECK ("goals"."progress" between 0 and 100),
	CONSTRAINT "goals_title_length" CHECK (length(btrim("goals"."title")) between 1 and 200),
	CONSTRAINT "goals_why_length" CHECK ("goals"."why" is null or length("goals"."why") <= 2000),
	CONSTRAINT "goals_achieved_when" CHECK (("goals"."status" = 'achieved') = ("goals"."achieved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "learning_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"url" text,
	"due_date" date,
	"done_at" timestamp with time zone,
	"done_note" text,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_assignments_kind" CHECK ("learning_assignments"."kind" in ('suggested', 'assigned')),
	CONSTRAINT "learning_assignments_title_length" CHECK (length(btrim("learning_assignments"."title")) between 1 and 200),
	CONSTRAINT "learning_assignments_description_length" CHECK ("learning_assignments"."description" is null or length("learning_assignments"."description") <= 4000),
	CONSTRAINT "learning_assignments_url_scheme" CHECK ("learning_assignments"."url" is null or "learning_assignments"."url" ~* '^https?://'),
	CONSTRAINT "learning_assignments_note_when_done" CHECK ("learning_assignments"."done_note" is null or "learning_assignments"."done_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"question" boolean DEFAULT false NOT NULL,
	"answers_id" uuid,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_body_length" CHECK (length(btrim("messages"."body")) between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "tracked_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"sender_id" uuid NOT NULL,
	"from_address" text NOT NULL,
	"to_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"html" text,
	"attachment_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "report_metrics" text[];--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_assignments" ADD CONSTRAINT "learning_assignments_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_assignments" ADD CONSTRAINT "learning_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_answers_id_messages_id_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_emails" ADD CONSTRAINT "tracked_emails_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_emails" ADD CONSTRAINT "tracked_emails_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goals_relationship_created_idx" ON "goals" USING btree ("relationship_id","created_at");--> statement-breakpoint
CREATE INDEX "learning_assignments_relationship_created_idx" ON "learning_assignments" USING btree ("relationship_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_relationship_created_idx" ON "messages" USING btree ("relationship_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_emails_message_unique" ON "tracked_emails" USING btree ("relationship_id","message_id");--> statement-breakpoint
CREATE INDEX "tracked_emails_relationship_created_idx" ON "tracked_emails" USING btree ("relationship_id","created_at");--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_report_metrics" CHECK ("programmes"."report_metrics" is null or "programmes"."report_metrics" <@ array['registrations', 'matching', 'relationships', 'sessions', 'no_shows', 'goals', 'assignments', 'contact', 'feedback', 'participation']::text[]);