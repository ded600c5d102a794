-- Engagement periods of one registration never overlap, also under concurrent requests: enforced
-- here, not only in code. Both dates are inclusive; a period without an end runs on, so it overlaps
-- every later one. btree_gist (migration 0002) lets the registration id share the gist index.
create extension if not exists btree_gist;
--> statement-breakpoint
alter table "engagement_periods" add constraint "engagement_periods_no_overlap"
	exclude using gist ("registration_id" with =, daterange("start_date", "end_date", '[]') with &&);
