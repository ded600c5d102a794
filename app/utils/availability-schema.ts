import { DateTime } from 'luxon'
import { z } from 'zod'
import {
	MAX_BOOKING_WINDOW_DAYS,
	MAX_OVERRIDES,
	MAX_SLOT_MINUTES,
	MAX_WINDOWS_PER_DAY,
	MIN_SLOT_MINUTES,
	minutesOfDay,
	type Weekday,
} from '../rules/availability'
import { MeetingLocationSchema } from '../rules/meeting-location'
import { DomainError, type ErrorCode } from './errors'
import { fieldErrors, MAX_YEAR, MIN_YEAR, TimeZoneSchema } from './validation'

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
		z.object({ date: DateSchema, windows: z.array(WindowSchema).min(1, 'Add at least one window, or block the date.') }).strict(),
	],
	{ errorMap: () => ({ message: 'An override is { date, blocked: true } or { date, windows: [{ start, end }] }.' }) },
)

const BufferSchema = z
	.number({ invalid_type_error: 'The buffer is a number of minutes.' })
	.int('The buffer is a whole number of minutes.')
	.min(0, 'The buffer is between 0 and 120 minutes.')
	.max(120, 'The buffer is between 0 and 120 minutes.')

/**
 * A refusal of one of the calendar's bounds carries its own error code (decision 015), so a client
 * can tell "too much" from "malformed"; calendarRefusal puts it on the answer.
 */
type BoundCode = Extract<ErrorCode, 'too_many_windows' | 'windows_overlap' | 'slot_too_short' | 'booking_window_too_long'>
const bound = (code: BoundCode, message: string) => ({ message, params: { code } })

const MAX_WEEKLY_WINDOWS = 7 * MAX_WINDOWS_PER_DAY
const MAX_LEAD_MINUTES = MAX_BOOKING_WINDOW_DAYS * 24 * 60

const CommonSchema = z.object({
	timeZone: TimeZoneSchema,
	weekly: z
		.array(WeeklyWindowSchema)
		.refine((w) => w.length <= MAX_WEEKLY_WINDOWS, bound('too_many_windows', `Use at most ${MAX_WEEKLY_WINDOWS} weekly windows, ${MAX_WINDOWS_PER_DAY} a day.`)),
	overrides: z
		.array(OverrideSchema)
		.refine((o) => o.length <= MAX_OVERRIDES, { message: `Use at most ${MAX_OVERRIDES} overrides.` })
		.default([]),
	bufferMinutes: BufferSchema.default(0),
	/** Where this calendar's sessions happen by default; left out, the saved one stays; null or "" clears it. */
	meetingLocation: MeetingLocationSchema.optional(),
})

type Window = { start: string; end: string }
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * The windows of one day (one weekday's weekly windows, or one date's extra windows): at most
 * MAX_WINDOWS_PER_DAY of them, none overlapping another (touching is fine). A malformed window
 * has its own message already and is left out here.
 */
function checkDay(day: string, windows: { window: Window; path: (string | number)[] }[], listPath: (string | number)[], ctx: z.RefinementCtx) {
	if (windows.length > MAX_WINDOWS_PER_DAY) {
		ctx.addIssue({ code: 'custom', path: listPath, ...bound('too_many_windows', `${day} has ${windows.length} windows; a day holds at most ${MAX_WINDOWS_PER_DAY}.`) })
	}
	const wellFormed = windows
		.map((w) => ({ ...w, from: minutesOfDay(w.window.start), to: minutesOfDay(w.window.end) }))
		.filter((w) => w.from < w.to)
		.sort((a, b) => a.from - b.from || a.to - b.to)
	let reach: (typeof wellFormed)[number] | undefined
	for (const w of wellFormed) {
		if (reach && w.from < reach.to) {
			const other = `${reach.window.start}–${reach.window.end}`
			ctx.addIssue({
				code: 'custom',
				path: [...w.path, 'start'],
				...bound('windows_overlap', `This window overlaps ${other} on ${day}; join them into one, or make one end where the other starts.`),
			})
		}
		if (!reach || w.to > reach.to) reach = w
	}
}

function boundedDays(value: { weekly: z.infer<typeof WeeklyWindowSchema>[]; overrides: z.infer<typeof OverrideSchema>[] }, ctx: z.RefinementCtx) {
	for (let weekday = 1; weekday <= 7; weekday++) {
		const windows = value.weekly.flatMap((window, i) => (window.weekday === weekday ? [{ window, path: ['weekly', i] }] : []))
		checkDay(WEEKDAY_NAMES[weekday - 1]!, windows, ['weekly'], ctx)
	}
	// The page sends one override per extra window, so a date's extra windows are gathered across overrides.
	const byDate = new Map<string, { window: Window; path: (string | number)[] }[]>()
	const firstOverride = new Map<string, number>()
	value.overrides.forEach((o, i) => {
		if (!('windows' in o)) return
		if (!firstOverride.has(o.date)) firstOverride.set(o.date, i)
		byDate.set(o.date, [...(byDate.get(o.date) ?? []), ...o.windows.map((window, k) => ({ window, path: ['overrides', i, 'windows', k] }))])
	})
	for (const [date, windows] of byDate) checkDay(date, windows, ['overrides', firstOverride.get(date)!, 'windows'], ctx)
}

function noDuplicateBlockedDates(value: { overrides: z.infer<typeof OverrideSchema>[] }, ctx: z.RefinementCtx) {
	const seen = new Set<string>()
	value.overrides.forEach((o, i) => {
		if (!('blocked' in o)) return
		if (seen.has(o.date)) ctx.addIssue({ code: 'custom', message: 'This date is already blocked.', path: ['overrides', i, 'date'] })
		seen.add(o.date)
	})
}

function checkCalendar(value: Parameters<typeof boundedDays>[0], ctx: z.RefinementCtx) {
	noDuplicateBlockedDates(value, ctx)
	boundedDays(value, ctx)
}

export const IntroCalendarSchema = CommonSchema.superRefine(checkCalendar)

export const PaidCalendarSchema = CommonSchema.extend({
	slotMinutes: z
		.number({ invalid_type_error: 'The session length is a number of minutes.' })
		.int('The session length is a whole number of minutes.')
		.refine((n) => n >= MIN_SLOT_MINUTES, bound('slot_too_short', `A session lasts at least ${MIN_SLOT_MINUTES} minutes.`))
		.refine((n) => n <= MAX_SLOT_MINUTES, { message: `A session lasts at most ${MAX_SLOT_MINUTES} minutes.` })
		.default(60),
	bookingWindow: z
		.object({
			minLeadMinutes: z
				.number()
				.int('Use whole minutes.')
				.min(0, 'The notice cannot be negative.')
				.refine((n) => n <= MAX_LEAD_MINUTES, bound('booking_window_too_long', `The notice is at most ${MAX_BOOKING_WINDOW_DAYS} days.`)),
			maxLeadMinutes: z
				.number()
				.int('Use whole minutes.')
				.min(1)
				.refine((n) => n <= MAX_LEAD_MINUTES, bound('booking_window_too_long', `Bookings can be opened at most ${MAX_BOOKING_WINDOW_DAYS} days ahead.`)),
		})
		.refine((w) => w.maxLeadMinutes > w.minLeadMinutes, {
			message: 'The furthest booking must be later than the shortest notice.',
			path: ['maxLeadMinutes'],
		})
		.default({ minLeadMinutes: 24 * 60, maxLeadMinutes: 60 * 24 * 60 }),
}).superRefine(checkCalendar)

/**
 * The API's refusal of a calendar: 422 with a message per field, under the code of the first bound
 * it breaks (too_many_windows, windows_overlap, slot_too_short, booking_window_too_long) and that
 * bound's sentence, or validation_failed when it breaks none.
 */
export function calendarRefusal(error: z.ZodError): DomainError {
	const bounded = error.issues.find((issue) => issue.code === 'custom' && typeof issue.params?.code === 'string')
	const code = bounded?.code === 'custom' ? (bounded.params?.code as BoundCode) : undefined
	return new DomainError(code ?? 'validation_failed', code ? bounded!.message : 'Some fields are missing or invalid.', fieldErrors(error))
}
