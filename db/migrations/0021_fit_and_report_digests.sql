CREATE TABLE "relationship_fit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_fit_answer" CHECK ("relationship_fit"."answer" in ('good_fit', 'still_deciding', 'not_a_good_fit'))
);
--> statement-breakpoint
CREATE TABLE "report_digest_subscriptions" (
	"user_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"last_sent_week" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_digest_subscriptions_user_id_programme_id_pk" PRIMARY KEY("user_id","programme_id"),
	CONSTRAINT "report_digest_subscriptions_week_format" CHECK ("report_digest_subscriptions"."last_sent_week" is null or "report_digest_subscriptions"."last_sent_week" ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$')
);
--> statement-breakpoint
ALTER TABLE "relationship_fit" ADD CONSTRAINT "relationship_fit_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_fit" ADD CONSTRAINT "relationship_fit_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_digest_subscriptions" ADD CONSTRAINT "report_digest_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_digest_subscriptions" ADD CONSTRAINT "report_digest_subscriptions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "relationship_fit_one_per_rater" ON "relationship_fit" USING btree ("relationship_id","rater_id");--> statement-breakpoint
CREATE INDEX "relationship_fit_not_a_good_fit_idx" ON "relationship_fit" USING btree ("relationship_id") WHERE "relationship_fit"."answer" = 'not_a_good_fit';--> statement-breakpoint
CREATE INDEX "report_digest_subscriptions_programme_idx" ON "report_digest_subscriptions" USING btree ("programme_id");--> statement-breakpoint
-- "Is this a good fit?" is answered only by the relationship's two people, only for a programme
-- relationship that is still live, and only once a session of the pair held since the relationship
-- began is completed. The relationship row is locked for share so an answer cannot slip in beside
-- its ending.
CREATE FUNCTION relationship_fit_admissible() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	SELECT status, mentor_id, mentee_id, programme_id, created_at INTO r FROM relationships WHERE id = NEW.relationship_id FOR SHARE;
	IF r.programme_id IS NULL THEN
		RAISE EXCEPTION 'relationship % belongs to no programme', NEW.relationship_id USING ERRCODE = 'check_violation', CONSTRAINT = 'relationship_fit_programme';
	END IF;
	IF NEW.rater_id <> r.mentor_id AND NEW.rater_id <> r.mentee_id THEN
		RAISE EXCEPTION 'user % is not a party to relationship %', NEW.rater_id, NEW.relationship_id USING ERRCODE = 'check_violation', CONSTRAINT = 'relationship_fit_party';
	END IF;
	IF r.status NOT IN ('pending', 'confirmed') THEN
		RAISE EXCEPTION 'relationship % is %', NEW.relationship_id, r.status USING ERRCODE = 'check_violation', CONSTRAINT = 'relationship_fit_live';
	END IF;
	IF NOT EXISTS (
		SELECT 1 FROM sessions
		WHERE mentor_id = r.mentor_id AND mentee_id = r.mentee_id AND status = 'completed' AND starts_at >= r.created_at
	) THEN
		RAISE EXCEPTION 'relationship % has no completed session yet', NEW.relationship_id USING ERRCODE = 'check_violation', CONSTRAINT = 'relationship_fit_after_first_session';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER relationship_fit_admissible BEFORE INSERT OR UPDATE ON relationship_fit
	FOR EACH ROW EXECUTE FUNCTION relationship_fit_admissible();
