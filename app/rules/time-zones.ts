import { DateTime } from 'luxon'

/** Every IANA zone the runtime knows, sorted, always including `extra` zones (e.g. the one saved). */
export function listTimeZones(...extra: string[]): string[] {
	const zones = new Set(Intl.supportedValuesOf('timeZone'))
	zones.add('UTC')
	for (const zone of extra) if (zone) zones.add(zone)
	return [...zones].sort()
}

/** "Europe/Berlin (GMT+1)": the zone named, with its offset at `at` (which moves with DST). */
export function describeTimeZone(zone: string, at: Date): string {
	const local = DateTime.fromJSDate(at, { zone })
	if (!local.isValid) return zone
	return `${zone.replaceAll('_', ' ')} (${local.toFormat('ZZZZ')})`
}

/** The wall-clock time in `zone` at `at`, e.g. "14:05". */
export function localTime(zone: string, at: Date): string {
	const local = DateTime.fromJSDate(at, { zone })
	return local.isValid ? local.toFormat('HH:mm') : ''
}
