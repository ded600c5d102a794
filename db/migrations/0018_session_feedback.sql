CREATE TABLE "session_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_feedback_rating" CHECK ("session_feedback"."rating" between 1 and 5),
	CONSTRAINT "session_feedback_comment_length" CHECK ("session_feedback"."comment" is null or length("session_feedback"."comment") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "session_feedback_one_per_rater" ON "session_feedback" USING btree ("session_id","rater_id");--> statement-breakpoint
CREATE INDEX "session_feedback_rater_idx" ON "session_feedback" USING btree ("rater_id");--> statement-breakpoint
-- Only the session's two people rate it, and only once it is completed. The session row is
-- locked for share so a rating cannot slip in beside a change of its status.
CREATE FUNCTION session_feedback_admissible() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s record;
BEGIN
	SELECT status, mentor_id, mentee_id INTO s FROM sessions WHERE id = NEW.session_id FOR SHARE;
	IF s.status IS DISTINCT FROM 'completed' THEN
		RAISE EXCEPTION 'session % is not completed', NEW.session_id USING ERRCODE = 'check_violation', CONSTRAINT = 'session_feedback_completed';
	END IF;
	IF NEW.rater_id <> s.mentor_id AND NEW.rater_id <> s.mentee_id THEN
		RAISE EXCEPTION 'user % is not a party to session %', NEW.rater_id, NEW.session_id USING ERRCODE = 'check_violation', CONSTRAINT = 'session_feedback_party';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_feedback_admissible BEFORE INSERT OR UPDATE OF session_id, rater_id ON session_feedback
	FOR EACH ROW EXECUTE FUNCTION session_feedback_admissible();
