import { IANAZone } from 'luxon'
import { zoneOffsets } from './zone-offsets'

/**
 * The month calendar a mentee picks a time from: which local days hold slots, the weeks of a
 * month, and where a key press moves the focus. Dates are local dates 'YYYY-MM-DD' and months
 * 'YYYY-MM'; the arithmetic is done on UTC midnights, which never see a DST change.
 */

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** 1 = Monday … 7 = Sunday, as ISO weekdays. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

const toMillis = (date: string) => Date.parse(`${date}T00:00:00Z`)
const toDate = (millis: number) => new Date(millis).toISOString().slice(0, 10)

export function addDays(date: string, days: number): string {
	return toDate(toMillis(date) + days * DAY)
}

/** ISO weekday of a local date. */
export function weekdayOf(date: string): Weekday {
	return (new Date(toMillis(date)).getUTCDay() || 7) as Weekday
}

export function monthOf(date: string): string {
	return date.slice(0, 7)
}

export function addMonths(month: string, months: number): string {
	const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + months]
	const at = new Date(Date.UTC(year, index, 1))
	return at.toISOString().slice(0, 7)
}

export function daysInMonth(month: string): number {
	return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
}

/**
 * The weeks of a month as rows of seven cells, the first column `weekStart`; cells before the 1st
 * and after the last day are null.
 */
export function monthGrid(month: string, weekStart: Weekday = 1): (string | null)[][] {
	const first = `${month}-01`
	const lead = (weekdayOf(first) - weekStart + 7) % 7
	const cells: (string | null)[] = Array.from({ length: lead }, () => null)
	for (let day = 1; day <= daysInMonth(month); day++) cells.push(`${month}-${String(day).padStart(2, '0')}`)
	while (cells.length % 7 !== 0) cells.push(null)
	const weeks: (string | null)[][] = []
	for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
	return weeks
}

/** The weekdays in column order, starting with `weekStart`. */
export function weekdayColumns(weekStart: Weekday = 1): Weekday[] {
	return Array.from({ length: 7 }, (_, i) => (((weekStart - 1 + i) % 7) + 1) as Weekday)
}

/** The local date of an instant (epoch ms) in a zone, by the zone's kept offsets: no Intl call per slot. */
export function localDateOf(millis: number, zone: string): string {
	const ianaZone = IANAZone.create(zone)
	const offset = ianaZone.isValid ? zoneOffsets(ianaZone).at(millis) : 0
	return toDate(millis + offset * MINUTE)
}

/** Slot starts (epoch ms, in order) grouped by their local date in `zone`, in order. */
export function slotsByDay(starts: readonly number[], zone: string): Map<string, number[]> {
	const days = new Map<string, number[]>()
	for (const start of starts) {
		const date = localDateOf(start, zone)
		const list = days.get(date)
		if (list) list.push(start)
		else days.set(date, [start])
	}
	return days
}

export type CalendarKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown'

export const CALENDAR_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']

/**
 * Where the focus goes from `date` on a key, as the WAI-ARIA date grid moves it: a day left or
 * right, a week up or down, the start or end of the week, the same day of the previous or next
 * month (the month's last day when it has fewer).
 */
export function moveFocus(date: string, key: CalendarKey, weekStart: Weekday = 1): string {
	switch (key) {
		case 'ArrowLeft':
			return addDays(date, -1)
		case 'ArrowRight':
			return addDays(date, 1)
		case 'ArrowUp':
			return addDays(date, -7)
		case 'ArrowDown':
			return addDays(date, 7)
		case 'Home':
			return addDays(date, -((weekdayOf(date) - weekStart + 7) % 7))
		case 'End':
			return addDays(date, 6 - ((weekdayOf(date) - weekStart + 7) % 7))
		case 'PageUp':
		case 'PageDown': {
			const month = addMonths(monthOf(date), key === 'PageUp' ? -1 : 1)
			const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month))
			return `${month}-${String(day).padStart(2, '0')}`
		}
	}
}

/** A date brought inside [first, last]. */
export function clampDate(date: string, first: string, last: string): string {
	return date < first ? first : date > last ? last : date
}

/**
 * Regions whose weeks start on Sunday (CLDR's firstDay "sun"); everywhere else starts on Monday
 * here, the few Saturday regions included, which read a Monday grid without trouble.
 */
const SUNDAY_REGIONS = new Set(
	'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(' '),
)

/** The first day of the week for a locale such as 'en-US' (Sunday) or 'en-GB' (Monday). */
export function firstDayOfWeek(locale: string): Weekday {
	try {
		const region = new Intl.Locale(locale).maximize().region
		return region && SUNDAY_REGIONS.has(region) ? 7 : 1
	} catch {
		return 1
	}
}

/**
 * The locale to format times in, from an Accept-Language header: its first tag that Intl knows,
 * else British English (24-hour clock, the app's own wording).
 */
export function preferredLocale(acceptLanguage: string | null): string {
	// Every page view asks; browsers send a handful of distinct headers, so answers are kept.
	const key = acceptLanguage ?? ''
	let locale = locales.get(key)
	if (locale === undefined) {
		locale = readLocale(key)
		if (locales.size >= 500) locales.clear()
		locales.set(key, locale)
	}
	return locale
}

const locales = new Map<string, string>()

function readLocale(acceptLanguage: string): string {
	const tags = acceptLanguage
		.split(',')
		.map((part) => part.split(';')[0]!.trim())
		.filter((tag) => tag && tag !== '*')
		.slice(0, 5)
	for (const tag of tags) {
		try {
			const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag])
			if (supported) return supported
		} catch {
			// Not a language tag.
		}
	}
	return 'en-GB'
}
