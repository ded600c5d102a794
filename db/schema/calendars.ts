import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

/**
 * Each mentor has two calendars, intro and paid. The intro calendar's slot length and booking
 * window are fixed by the rulebook (20 minutes, 48 hours to 14 days ahead), so the database holds
 * them to it; the paid calendar's are the mentor's settings.
 */
export const availabilityCalendars = pgTable(
	'availability_calendars',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		type: text('type', { enum: ['intro', 'paid'] }).notNull(),
		timeZone: text('time_zone').notNull(),
		slotMinutes: integer('slot_minutes').notNull().default(60),
		bufferMinutes: integer('buffer_minutes').notNull().default(0),
		minLeadMinutes: integer('min_lead_minutes').notNull().default(1440),
		maxLeadMinutes: integer('max_lead_minutes').notNull().default(86400),
		/** Where this calendar's sessions happen by default: a meeting link or a place. A session may override it. */
		meetingLocation: text('meeting_location'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('availability_calendars_mentor_type_unique').on(t.mentorId, t.type),
		check('availability_calendars_type', sql`${t.type} in ('intro', 'paid')`),
		check('availability_calendars_slot_range', sql`${t.slotMinutes} between 10 and 480`),
		check('availability_calendars_buffer_range', sql`${t.bufferMinutes} between 0 and 120`),
		check('availability_calendars_meeting_location_length', sql`${t.meetingLocation} is null or length(${t.meetingLocation}) between 1 and 500`),
		check('availability_calendars_lead_order', sql`${t.minLeadMinutes} >= 0 and ${t.maxLeadMinutes} > ${t.minLeadMinutes}`),
		check(
			'availability_calendars_intro_fixed',
			sql`${t.type} <> 'intro' or (${t.slotMinutes} = 20 and ${t.minLeadMinutes} = 2880 and ${t.maxLeadMinutes} = 20160)`,
		),
	],
)

/** A weekly recurring window in the calendar's local time (RRULE for the recurrence, wall-clock times). */
export const availabilityWindows = pgTable(
	'availability_windows',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		calendarId: uuid('calendar_id')
			.notNull()
			.references(() => availabilityCalendars.id, { onDelete: 'cascade' }),
		weekday: integer('weekday').notNull(),
		rrule: text('rrule').notNull(),
		startTime: time('start_time').notNull(),
		endTime: time('end_time').notNull(),
	},
	(t) => [
		index('availability_windows_calendar_idx').on(t.calendarId),
		check('availability_windows_weekday_range', sql`${t.weekday} between 1 and 7`),
		check('availability_windows_end_after_start', sql`${t.endTime} > ${t.startTime}`),
		check('availability_windows_rrule_weekly', sql`${t.rrule} like 'FREQ=WEEKLY%'`),
	],
)

/**
 * A date override: either the whole date is blocked (no times), or it adds one extra window on
 * that date (both times, end after start).
 */
export const availabilityOverrides = pgTable(
	'availability_overrides',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		calendarId: uuid('calendar_id')
			.notNull()
			.references(() => availabilityCalendars.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		blocked: boolean('blocked').notNull(),
		startTime: time('start_time'),
		endTime: time('end_time'),
	},
	(t) => [
		index('availability_overrides_calendar_date_idx').on(t.calendarId, t.date),
		// Blocking a date twice means nothing more; one blocked row per date keeps edits simple.
		uniqueIndex('availability_overrides_blocked_unique').on(t.calendarId, t.date).where(sql`${t.blocked}`),
		check(
			'availability_overrides_shape',
			sql`(${t.blocked} and ${t.startTime} is null and ${t.endTime} is null) or (not ${t.blocked} and ${t.startTime} is not null and ${t.endTime} > ${t.startTime})`,
		),
	],
)
