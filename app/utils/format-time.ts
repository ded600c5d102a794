import { DateTime, IANAZone } from 'luxon'
import { zoneOffsets } from '../rules/zone-offsets'

/**
 * Times as people read them, in the zone they asked for. The locale is fixed so the server's
 * render and the browser's hydration agree whatever the machine's own locale is.
 *
 * A page lists hundreds of slots, so an instant's wall-clock time is its zone's offset away
 * (rules/zone-offsets.ts: no Intl call per slot), and the names of weekdays and months are read
 * from Luxon once each.
 */
const LOCALE = 'en-GB'
const MINUTE = 60_000

/** The wall-clock reading of an instant in a zone, as 'YYYY-MM-DDTHH:mm:ss.sssZ' (the Z meaning nothing). */
function wallClock(iso: string, zone: string): string {
	const at = Date.parse(iso)
	const ianaZone = IANAZone.create(zone)
	const offset = ianaZone.isValid ? zoneOffsets(ianaZone).at(at) : 0
	return new Date(at + offset * MINUTE).toISOString()
}

const names = new Map<string, string>()

/** A weekday's (1 = Monday) or month's (1 = January) name in Luxon's token: cccc, ccc, LLLL, LLL. */
function nameOf(token: 'cccc' | 'ccc' | 'LLLL' | 'LLL', index: number): string {
	const key = `${token}${index}`
	let name = names.get(key)
	if (name === undefined) {
		// 1 January 2024 was a Monday.
		const date = token.startsWith('c') ? { year: 2024, month: 1, day: index } : { year: 2024, month: index, day: 1 }
		name = DateTime.fromObject(date, { zone: 'utc' }).setLocale(LOCALE).toFormat(token)
		names.set(key, name)
	}
	return name
}

/** Weekday (1 = Monday), day and month of a 'YYYY-MM-DD…' wall-clock reading. */
function partsOf(wall: string) {
	const date = new Date(`${wall.slice(0, 10)}T00:00:00Z`)
	return { weekday: date.getUTCDay() || 7, day: date.getUTCDate(), month: date.getUTCMonth() + 1, year: wall.slice(0, 4) }
}

/** "09:00" */
export function formatClock(iso: string, zone: string): string {
	return wallClock(iso, zone).slice(11, 16)
}

/** "Wed 3 Mar 2027" */
export function formatDay(iso: string, zone: string): string {
	const { weekday, day, month, year } = partsOf(wallClock(iso, zone))
	return `${nameOf('ccc', weekday)} ${day} ${nameOf('LLL', month)} ${year}`
}

/** "Wed 3 Mar 2027, 09:00–09:20" (the end's date is left out: sessions never cross midnight by much). */
export function formatRange(startIso: string, endIso: string, zone: string): string {
	return `${formatDay(startIso, zone)}, ${formatClock(startIso, zone)}–${formatClock(endIso, zone)}`
}

/** The local date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(iso: string, zone: string): string {
	return wallClock(iso, zone).slice(0, 10)
}

/** Items grouped by the local date of their start, in order; each group labelled "Wednesday 3 March". */
export function groupByLocalDay<T extends { start: string }>(items: T[], zone: string): { date: string; label: string; items: T[] }[] {
	const groups = new Map<string, T[]>()
	for (const item of items) {
		const date = localDateOf(item.start, zone)
		const list = groups.get(date)
		if (list) list.push(item)
		else groups.set(date, [item])
	}
	return [...groups].map(([date, list]) => {
		const { weekday, day, month } = partsOf(date)
		return { date, label: `${nameOf('cccc', weekday)} ${day} ${nameOf('LLLL', month)}`, items: list }
	})
}

/** "March 2027" for 'YYYY-MM' */
export function describeMonth(month: string): string {
	return DateTime.fromISO(`${month}-01`, { zone: 'utc' }).setLocale(LOCALE).toFormat('LLLL yyyy')
}

/*
 * The booking calendar formats in the viewer's own locale (12 or 24 hours, their order of day and
 * month) with one Intl.DateTimeFormat per locale, zone and shape, kept: a formatter costs far more
 * to build than to use. Server and browser are handed the same locale, so their texts agree;
 * narrow no-break spaces (newer ICU data) are read as plain spaces for the same reason.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(locale: string, zone: string, shape: 'clock' | 'day' | 'weekday' | 'month'): Intl.DateTimeFormat {
	const key = `${locale}|${zone}|${shape}`
	let formatter = formatters.get(key)
	if (!formatter) {
		if (shape === 'clock') {
			// A 24-hour clock reads "09:00"; a 12-hour one "9:00 AM".
			const twelve = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12 === true
			formatter = new Intl.DateTimeFormat(locale, { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit', timeZone: zone })
		} else if (shape === 'day') formatter = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone })
		else if (shape === 'weekday') formatter = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: zone })
		else formatter = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: zone })
		if (formatters.size > 2000) formatters.clear()
		formatters.set(key, formatter)
	}
	return formatter
}

const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ')

/** "09:00" (en-GB, de) or "9:00 AM" (en-US) for an instant (epoch ms) in a zone. */
export function formatSlotClock(millis: number, zone: string, locale: string): string {
	return plain(formatterFor(locale, zone, 'clock').format(millis))
}

/** "Thursday 10 December 2026" (en-GB) or "Thursday, December 10, 2026" (en-US) for a local date. */
export function formatLocalDate(date: string, locale: string): string {
	return plain(formatterFor(locale, 'UTC', 'day').format(Date.parse(`${date}T12:00:00Z`)))
}

/** "December 2026" for 'YYYY-MM'. */
export function formatLocalMonth(month: string, locale: string): string {
	return plain(formatterFor(locale, 'UTC', 'month').format(Date.parse(`${month}-15T12:00:00Z`)))
}

/** "Mon", "Tue"… for an ISO weekday (1 = Monday). */
export function formatWeekday(weekday: number, locale: string, style: 'short' | 'long' = 'short'): string {
	// 5 January 2026 was a Monday.
	const at = Date.UTC(2026, 0, 4 + weekday, 12)
	if (style === 'long') return plain(formatterFor(locale, 'UTC', 'day').formatToParts(at).find((p) => p.type === 'weekday')?.value ?? '')
	return plain(formatterFor(locale, 'UTC', 'weekday').format(at))
}
