-- Double booking is impossible in the database itself, also under concurrent requests: no two live
-- sessions (pending, scheduled, awaiting confirmation) of one mentor, or of one mentee, overlap.
-- Buffers between sessions are a calendar setting and are checked in code, under a per-mentor lock.
create extension if not exists btree_gist;
--> statement-breakpoint
alter table "sessions" add constraint "sessions_no_mentor_overlap"
	exclude using gist ("mentor_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&)
	where ("status" in ('pending', 'scheduled', 'awaiting_confirmation'));
--> statement-breakpoint
alter table "sessions" add constraint "sessions_no_mentee_overlap"
	exclude using gist ("mentee_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&)
	where ("status" in ('pending', 'scheduled', 'awaiting_confirmation'));
