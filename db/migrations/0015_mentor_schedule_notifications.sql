-- Every change to what a mentor's slots are made of (the mentor, the public slug, the calendars and
-- their windows and overrides, sessions) tells the web processes on channel mentor_schedule which
-- mentor it concerns (the payload: the mentor's user id), so each can drop what it keeps of that
-- mentor's schedule (app/services/mentor-schedule-cache.server.ts). PostgreSQL sends notifications
-- when the transaction commits, each distinct one once. The trigger's argument names the column
-- that holds the mentor's id, or calendar_id for a calendar's windows and overrides.
CREATE FUNCTION notify_mentor_schedule() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	changed jsonb;
	mentor uuid;
BEGIN
	FOREACH changed IN ARRAY ARRAY[
		CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
		CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END
	] LOOP
		CONTINUE WHEN changed IS NULL;
		IF TG_ARGV[0] = 'calendar_id' THEN
			SELECT c.mentor_id INTO mentor FROM availability_calendars c WHERE c.id = (changed ->> 'calendar_id')::uuid;
		ELSE
			mentor := (changed ->> TG_ARGV[0])::uuid;
		END IF;
		IF mentor IS NOT NULL THEN
			PERFORM pg_notify('mentor_schedule', mentor::text);
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_users AFTER UPDATE OF name, time_zone, is_mentor OR DELETE ON users
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_profiles AFTER INSERT OR UPDATE OR DELETE ON mentor_profiles
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('user_id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_calendars AFTER INSERT OR UPDATE OR DELETE ON availability_calendars
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('mentor_id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_windows AFTER INSERT OR UPDATE OR DELETE ON availability_windows
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('calendar_id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_overrides AFTER INSERT OR UPDATE OR DELETE ON availability_overrides
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('calendar_id');
--> statement-breakpoint
CREATE TRIGGER mentor_schedule_sessions AFTER INSERT OR UPDATE OF mentor_id, status, starts_at, ends_at, type OR DELETE ON sessions
	FOR EACH ROW EXECUTE FUNCTION notify_mentor_schedule('mentor_id');
