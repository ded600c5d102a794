import { DateTime } from 'luxon'

/**
 * Times as people read them, in the zone they asked for. The locale is fixed so the server's
 * render and the browser's hydration agree whatever the machine's own locale is.
 */
const LOCALE = 'en-GB'

function inZone(iso: string, zone: string): DateTime {
	return DateTime.fromISO(iso, { zone }).setLocale(LOCALE)
}

/** "09:00" */
export function formatClock(iso: string, zone: string): string {
	return inZone(iso, zone).toFormat('HH:mm')
}

/** "Wed 3 Mar 2027" */
export function formatDay(iso: string, zone: string): string {
	return inZone(iso, zone).toFormat('ccc d LLL yyyy')
}

/** "Wed 3 Mar 2027, 09:00–09:20" (the end's date is left out: sessions never cross midnight by much). */
export function formatRange(startIso: string, endIso: string, zone: string): string {
	return `${formatDay(startIso, zone)}, ${formatClock(startIso, zone)}–${formatClock(endIso, zone)}`
}

/** The local date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(iso: string, zone: string): string {
	return inZone(iso, zone).toISODate() ?? iso.slice(0, 10)
}

/** Items grouped by the local date of their start, in order; each group labelled "Wednesday 3 March". */
export function groupByLocalDay<T extends { start: string }>(items: T[], zone: string): { date: string; label: string; items: T[] }[] {
	const groups = new Map<string, T[]>()
	for (const item of items) {
		const date = localDateOf(item.start, zone)
		const list = groups.get(date) ?? []
		list.push(item)
		groups.set(date, list)
	}
	return [...groups].map(([date, list]) => ({
		date,
		label: DateTime.fromISO(date, { zone }).setLocale(LOCALE).toFormat('cccc d LLLL'),
		items: list,
	}))
}

/** "March 2027" for 'YYYY-MM' */
export function describeMonth(month: string): string {
	return DateTime.fromISO(`${month}-01`, { zone: 'utc' }).setLocale(LOCALE).toFormat('LLLL yyyy')
}
