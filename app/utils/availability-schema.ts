import { DateTime } from 'luxon'
import { z } from 'zod'
import { type Weekday } from '../rules/availability'
import { MAX_YEAR, MIN_YEAR, TimeZoneSchema } from './validation'

/**
 * What a mentor sends to set a calendar, shared by the JSON API and (later) the availability page,
 * so both refuse the same input with the same messages.
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
// '24:00' closes the day, so an evening window can run to midnight; windows never cross it.
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/

const StartSchema = z.string({ required_error: 'Give a start time.' }).regex(TIME, 'Use the 24-hour format HH:mm, e.g. 09:00.')
const EndSchema = z.string({ required_error: 'Give an end time.' }).regex(END_TIME, 'Use the 24-hour format HH:mm, e.g. 17:30 (24:00 for midnight).')

/** 'HH:mm' strings compare like the times they name; a malformed time already has its own message. */
function endsAfterStart(w: { start: string; end: string }) {
	return !TIME.test(w.start) || !END_TIME.test(w.end) || w.end > w.start
}

const WindowSchema = z
	.object({ start: StartSchema, end: EndSchema })
	.refine(endsAfterStart, { message: 'The end must be after the start.', path: ['end'] })

const WeeklyWindowSchema = z
	.object({
		weekday: z
			.number({ required_error: 'Choose a weekday.', invalid_type_error: 'A weekday is a number from 1 (Monday) to 7 (Sunday).' })
			.int('A weekday is a number from 1 (Monday) to 7 (Sunday).')
			.min(1, 'A weekday is a number from 1 (Monday) to 7 (Sunday).')
			.max(7, 'A weekday is a number from 1 (Monday) to 7 (Sunday).')
			.transform((n) => n as Weekday),
		start: StartSchema,
		end: EndSchema,
	})
	.refine(endsAfterStart, { message: 'The end must be after the start.', path: ['end'] })

const DateSchema = z
	.string({ required_error: 'Give a date.' })
	.refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid, { message: 'Use a real calendar date, YYYY-MM-DD.' })
	// The database holds no year 0, and a year past 9999 no longer fits 'YYYY-MM-DD'.
	.refine((d) => !/^\d{4}-/.test(d) || (Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR), {
		message: `Use a date between ${MIN_YEAR} and ${MAX_YEAR}.`,
	})

const OverrideSchema = z.union(
	[
		z.object({ date: DateSchema, blocked: z.literal(true) }).strict(),
		z.object({ date: DateSchema, windows: z.array(WindowSchema).min(1, 'Add at least one window, or block the date.').max(24) }).strict(),
	],
	{ errorMap: () => ({ message: 'An override is { date, blocked: true } or { date, windows: [{ start, end }] }.' }) },
)

const BufferSchema = z
	.number({ invalid_type_error: 'The buffer is a number of minutes.' })
	.int('The buffer is a whole number of minutes.')
	.min(0, 'The buffer is between 0 and 120 minutes.')
	.max(120, 'The buffer is between 0 and 120 minutes.')

const CommonSchema = z.object({
	timeZone: TimeZoneSchema,
	weekly: z.array(WeeklyWindowSchema).max(100, 'Use at most 100 weekly windows.'),
	overrides: z.array(OverrideSchema).max(400, 'Use at most 400 overrides.').default([]),
	bufferMinutes: BufferSchema.default(0),
})

function noDuplicateBlockedDates(value: { overrides: z.infer<typeof OverrideSchema>[] }, ctx: z.RefinementCtx) {
	const seen = new Set<string>()
	value.overrides.forEach((o, i) => {
		if (!('blocked' in o)) return
		if (seen.has(o.date)) ctx.addIssue({ code: 'custom', message: 'This date is already blocked.', path: ['overrides', i, 'date'] })
		seen.add(o.date)
	})
}

const MAX_LEAD_LIMIT = 365 * 24 * 60

export const IntroCalendarSchema = CommonSchema.superRefine(noDuplicateBlockedDates)

export const PaidCalendarSchema = CommonSchema.extend({
	slotMinutes: z
		.number({ invalid_type_error: 'The session length is a number of minutes.' })
		.int('The session length is a whole number of minutes.')
		.min(10, 'A session lasts between 10 and 480 minutes.')
		.max(480, 'A session lasts between 10 and 480 minutes.')
		.default(60),
	bookingWindow: z
		.object({
			minLeadMinutes: z.number().int('Use whole minutes.').min(0, 'The notice cannot be negative.').max(MAX_LEAD_LIMIT),
			maxLeadMinutes: z.number().int('Use whole minutes.').min(1).max(MAX_LEAD_LIMIT, 'Bookings can be opened at most a year ahead.'),
		})
		.refine((w) => w.maxLeadMinutes > w.minLeadMinutes, {
			message: 'The furthest booking must be later than the shortest notice.',
			path: ['maxLeadMinutes'],
		})
		.default({ minLeadMinutes: 24 * 60, maxLeadMinutes: 60 * 24 * 60 }),
}).superRefine(noDuplicateBlockedDates)
