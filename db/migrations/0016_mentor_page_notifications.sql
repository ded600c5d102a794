-- What else a mentor's public page is read from tells the web processes too (see 0015): the
-- mentor's subjects and bundle offers name the mentor; a subject renamed or removed concerns
-- every mentor, so it notifies '*'.
CREATE TRIGGER mentor_schedule_subjects AFTER INSERT OR UPDATE OR DELETE ON mentor_subjects
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('user_id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_offers AFTER INSERT OR UPDATE OR DELETE ON bundle_offers
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('mentor_id');
--> statement-breakpoint
CREATE FUNCTION notify_every_mentor_schedule() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('mentor_schedule', '*');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_subject_names AFTER UPDATE OR DELETE OR TRUNCATE ON subjects
	FOR EACH STATEMENT EXECUTE FUNCTION notify_every_mentor_schedule();
