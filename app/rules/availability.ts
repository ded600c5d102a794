/**
 * A mentor's availability calendar as the slot engine reads it: weekly windows and date overrides
 * in wall-clock time of the calendar's zone, a slot length, a buffer and a booking window.
 * Input validation lives with the forms; these helpers only read what they are given.
 */
import * as rruleModule from 'rrule'

// rrule's "main" is a UMD build and its "module" an ES build: Node's ESM loader (the built server)
// sees only a default export, Vite's resolver (dev, tests) only the named ones. Take whichever is there.
const { RRule } = ((rruleModule as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule

/** ISO weekday, as Luxon numbers them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

/**
 * Wall-clock 'HH:mm' in the calendar's zone. An end may be '24:00': the midnight that closes the
 * day, so an evening window can run to the end of the day; windows never cross midnight.
 */
export type LocalTime = string

/** A wall-calendar date 'YYYY-MM-DD' in the calendar's zone. */
export type LocalDate = string

export type LocalWindow = { start: LocalTime; end: LocalTime }

export type WeeklyWindow = LocalWindow & { weekday: Weekday }

/** A blocked date has no windows at all, weekly or extra; extra windows add to the weekly ones. */
export type DateOverride = { date: LocalDate; blocked: true } | { date: LocalDate; windows: LocalWindow[] }

/** Minutes ahead of the booking moment; both edges are bookable. */
export type BookingWindow = { minLeadMinutes: number; maxLeadMinutes: number }

export type Calendar = {
	/** IANA zone the windows are written in. */
	timeZone: string
	weekly: WeeklyWindow[]
	overrides: DateOverride[]
	slotMinutes: number
	bufferMinutes: number
	bookingWindow: BookingWindow
}

/**
 * A live session of the mentor, from either calendar. `bufferMinutes` is the buffer of the
 * calendar it was booked in: two sessions keep the larger of their buffers between them, as the
 * booking check does, so a listed slot is never refused for its buffer at booking time.
 */
export type BusyInterval = { start: Date; end: Date; bufferMinutes?: number }

export type Slot = { start: Date; end: Date }

/** How the database stores a weekly window: an RRULE for the days, wall-clock start and end beside it. */
export type StoredWeeklyWindow = { rrule: string; start: LocalTime; end: LocalTime }

/**
 * What one calendar may hold, so that no calendar makes listing its slots slow for everyone: the
 * forms and the API refuse more (decision 015). With windows of one day never overlapping, a day
 * holds at most 24 hours of windows, whatever their number.
 */
export const MAX_WINDOWS_PER_DAY = 12
export const MIN_SLOT_MINUTES = 10
export const MAX_SLOT_MINUTES = 480
export const MAX_BOOKING_WINDOW_DAYS = 365
export const MAX_OVERRIDES = 400

const WEEKDAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU]
const DAY_MS = 24 * 60 * 60_000

/** Minutes since local midnight, 0…1440; NaN when `time` is not 'HH:mm'. */
export function minutesOfDay(time: LocalTime): number {
	const match = /^(\d{2}):(\d{2})$/.exec(time)
	if (!match) return NaN
	const minutes = Number(match[1]) * 60 + Number(match[2])
	return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : NaN
}

/**
 * A weekly window as stored: 'RRULE:FREQ=WEEKLY;BYDAY=MO' plus its wall-clock times. The rule has
 * no DTSTART and no zone on purpose: the zone belongs to the calendar, and rrule never does zone maths.
 */
export function weeklyRule(window: WeeklyWindow): StoredWeeklyWindow {
	const rule = new RRule({ freq: RRule.WEEKLY, byweekday: [WEEKDAYS[window.weekday - 1]!] })
	return { rrule: rule.toString(), start: window.start, end: window.end }
}

/** The weekly windows a stored rule describes, one per BYDAY day. */
export function weeklyWindowsFromRule(stored: StoredWeeklyWindow): WeeklyWindow[] {
	return ruleWeekdays(stored.rrule).map((weekday) => ({ weekday, start: stored.start, end: stored.end }))
}

/**
 * The local dates from `first` to `last` (inclusive) on which a weekly rule recurs. rrule runs on
 * floating dates (UTC midnight standing for the local date), so no zone or DST enters here.
 */
export function weeklyDates(rrule: string, first: LocalDate, last: LocalDate): LocalDate[] {
	const dtstart = new Date(Date.parse(`${first}T00:00:00Z`))
	const until = new Date(Date.parse(`${last}T00:00:00Z`))
	if (Number.isNaN(dtstart.getTime()) || Number.isNaN(until.getTime())) return []
	const rule = new RRule({ ...RRule.parseString(rrule), dtstart, until })
	return rule.all().map((date) => date.toISOString().slice(0, 10))
}

/** The ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): Weekday {
	// 1970-01-01 was a Thursday.
	const days = Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)
	return ((((days + 3) % 7) + 7) % 7) + 1 as Weekday
}

/** The local date `days` after `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

function ruleWeekdays(rrule: string): Weekday[] {
	const byweekday = RRule.parseString(rrule).byweekday
	const days = byweekday === null || byweekday === undefined ? [] : Array.isArray(byweekday) ? byweekday : [byweekday]
	return days.map((day) => {
		// BYDAY parses to Weekday objects (0 = Monday); accept plain numbers too.
		const index = typeof day === 'number' ? day : typeof day === 'string' ? WEEKDAYS.findIndex((w) => w.toString() === day) : day.weekday
		return (index + 1) as Weekday
	})
}
