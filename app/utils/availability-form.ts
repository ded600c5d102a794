import { DateTime } from 'luxon'
import { z } from 'zod'
import { addDays, type DateOverride, type Weekday } from '../rules/availability'
import { IntroCalendarSchema, PaidCalendarSchema } from './availability-schema'

/**
 * The availability page's form and the calendar the API speaks are shaped differently: people
 * block a range of dates for a holiday and think of notice in hours and of the horizon in days.
 * This module turns one into the other and runs the API's own schemas on the result, so the page
 * refuses exactly what the API refuses, with each message on the row that caused it.
 */

const MINUTES_PER_HOUR = 60
const MINUTES_PER_DAY = 24 * 60
/** A holiday longer than a year is not a holiday: block it in pieces or remove the weekly windows. */
export const MAX_BLOCKED_RANGE_DAYS = 366

const text = z.string().trim().optional().default('')
const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid

const RowsSchema = z.object({
	timeZone: text,
	bufferMinutes: z.number({ invalid_type_error: 'The buffer is a number of minutes.' }).optional().default(0),
	weekly: z.array(z.object({ weekday: z.number({ required_error: 'Choose a weekday.' }), start: text, end: text })).optional().default([]),
	blocked: z.array(z.object({ from: text, to: text })).optional().default([]),
	extra: z.array(z.object({ date: text, start: text, end: text })).optional().default([]),
	slotMinutes: z.number({ invalid_type_error: 'The session length is a number of minutes.' }).optional(),
	minLeadHours: z.number({ invalid_type_error: 'The notice is a number of hours.' }).optional(),
	maxLeadDays: z.number({ invalid_type_error: 'The horizon is a number of days.' }).optional(),
	meetingLocation: z.string().nullable().optional(),
})

export type AvailabilityFormValues = z.input<typeof RowsSchema>
type Rows = z.output<typeof RowsSchema>
type Path = (string | number)[]

/** Each blocked range becomes one blocked override per date; each extra window its own override. */
function toCalendarInput(rows: Rows, type: 'intro' | 'paid') {
	const overrides: DateOverride[] = []
	const origins: Path[] = []
	const rangeIssues: { path: Path; message: string }[] = []
	rows.blocked.forEach((range, i) => {
		const to = range.to || range.from
		if (!isDate(range.from)) return rangeIssues.push({ path: ['blocked', i, 'from'], message: 'Use a real calendar date, YYYY-MM-DD.' })
		if (!isDate(to)) return rangeIssues.push({ path: ['blocked', i, 'to'], message: 'Use a real calendar date, YYYY-MM-DD.' })
		if (to < range.from) return rangeIssues.push({ path: ['blocked', i, 'to'], message: 'The last day must not be before the first.' })
		const days = DateTime.fromISO(to).diff(DateTime.fromISO(range.from), 'days').days + 1
		if (days > MAX_BLOCKED_RANGE_DAYS) return rangeIssues.push({ path: ['blocked', i, 'to'], message: `Block at most ${MAX_BLOCKED_RANGE_DAYS} days at once.` })
		for (let date = range.from; date <= to; date = addDays(date, 1)) {
			overrides.push({ date, blocked: true })
			origins.push(['blocked', i, 'from'])
		}
	})
	if (type === 'paid') {
		if (rows.slotMinutes === undefined) rangeIssues.push({ path: ['slotMinutes'], message: 'Give the session length in minutes.' })
		if (rows.minLeadHours === undefined) rangeIssues.push({ path: ['minLeadHours'], message: 'Give the shortest notice in hours (0 for none).' })
		if (rows.maxLeadDays === undefined) rangeIssues.push({ path: ['maxLeadDays'], message: 'Give how many days ahead mentees may book.' })
	}
	rows.extra.forEach((row, i) => {
		overrides.push({ date: row.date, windows: [{ start: row.start, end: row.end }] })
		origins.push(['extra', i])
	})
	const input = {
		timeZone: rows.timeZone,
		weekly: rows.weekly,
		overrides,
		bufferMinutes: rows.bufferMinutes,
		// The form shows the saved default, so an empty field is one the mentor emptied.
		meetingLocation: rows.meetingLocation ?? null,
		...(type === 'paid'
			? {
					slotMinutes: rows.slotMinutes,
					bookingWindow: {
						// A missing value already has its own message above; the defaults keep the schema from adding a second one.
						minLeadMinutes: Math.round((rows.minLeadHours ?? 24) * MINUTES_PER_HOUR),
						maxLeadMinutes: Math.round((rows.maxLeadDays ?? 60) * MINUTES_PER_DAY),
					},
				}
			: {}),
	}
	return { input, origins, rangeIssues }
}

/** Where an issue of the API schema belongs on the form. */
function formPath(path: Path, origins: Path[]): Path {
	const [head, index, ...rest] = path
	if (head === 'overrides' && typeof index === 'number') {
		const origin = origins[index] ?? ['blocked']
		if (origin[0] === 'blocked') return origin
		// overrides[i].windows[0].end → extra[k].end; overrides[i].date → extra[k].date
		const field = rest[0] === 'windows' ? rest[2] : rest[0]
		return field === undefined ? origin : [...origin, field]
	}
	if (head === 'bookingWindow') return [index === 'maxLeadMinutes' ? 'maxLeadDays' : 'minLeadHours']
	return path
}

/** The form's schema: the rows as typed, checked by the calendar schema of the API, answering a CalendarInput. */
export function availabilityFormSchema(type: 'intro' | 'paid') {
	const calendarSchema = type === 'intro' ? IntroCalendarSchema : PaidCalendarSchema
	return RowsSchema.transform((rows, ctx) => {
		const { input, origins, rangeIssues } = toCalendarInput(rows, type)
		for (const issue of rangeIssues) ctx.addIssue({ code: 'custom', ...issue })
		const result = calendarSchema.safeParse(input)
		if (!result.success) {
			for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: formPath(issue.path, origins) })
		}
		if (rangeIssues.length > 0 || !result.success) return z.NEVER
		return result.data
	})
}

type CalendarShape = {
	timeZone: string
	weekly: { weekday: Weekday; start: string; end: string }[]
	overrides: DateOverride[]
	bufferMinutes: number
	slotMinutes: number
	bookingWindow: { minLeadMinutes: number; maxLeadMinutes: number }
	meetingLocation?: string | null
}

/**
 * A saved calendar as the form shows it: consecutive blocked dates read as one range again. Dates
 * before `today` (the calendar's zone, 'YYYY-MM-DD') are left out: they no longer change any slot,
 * and saving the form drops them.
 */
export function calendarToFormValues(calendar: CalendarShape, today: string): AvailabilityFormValues {
	const upcoming = calendar.overrides.filter((o) => o.date >= today)
	const blockedDates = upcoming.filter((o) => 'blocked' in o).map((o) => o.date).sort()
	const blocked: { from: string; to: string }[] = []
	for (const date of blockedDates) {
		const last = blocked.at(-1)
		if (last && addDays(last.to, 1) === date) last.to = date
		else blocked.push({ from: date, to: date })
	}
	const extra = upcoming.flatMap((o) => ('windows' in o ? o.windows.map((w) => ({ date: o.date, start: w.start, end: w.end })) : []))
	return {
		timeZone: calendar.timeZone,
		bufferMinutes: calendar.bufferMinutes,
		weekly: calendar.weekly.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end })),
		blocked,
		extra,
		slotMinutes: calendar.slotMinutes,
		minLeadHours: calendar.bookingWindow.minLeadMinutes / MINUTES_PER_HOUR,
		maxLeadDays: calendar.bookingWindow.maxLeadMinutes / MINUTES_PER_DAY,
		meetingLocation: calendar.meetingLocation ?? '',
	}
}
