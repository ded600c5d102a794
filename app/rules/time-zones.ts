import { DateTime, IANAZone } from 'luxon'
import { zoneOffsets } from './zone-offsets'

/**
 * Old spellings of zones that were renamed, read as the name the zone has now. Browsers and the
 * runtime's own zone list still answer with many of them (Chromium says "Asia/Calcutta" for a
 * browser in India), so every zone read from outside goes through `canonicalTimeZone` and only
 * the current name is stored and offered. Zones that merely share a clock with a neighbour
 * (Europe/Bratislava, Europe/Vatican) stay: they name a different place.
 */
export const TIME_ZONE_ALIASES: Readonly<Record<string, string>> = {
	'Africa/Asmera': 'Africa/Asmara',
	'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
	'America/Catamarca': 'America/Argentina/Catamarca',
	'America/Coral_Harbour': 'America/Atikokan',
	'America/Cordoba': 'America/Argentina/Cordoba',
	'America/Fort_Wayne': 'America/Indiana/Indianapolis',
	'America/Godthab': 'America/Nuuk',
	'America/Indianapolis': 'America/Indiana/Indianapolis',
	'America/Jujuy': 'America/Argentina/Jujuy',
	'America/Louisville': 'America/Kentucky/Louisville',
	'America/Mendoza': 'America/Argentina/Mendoza',
	'Asia/Calcutta': 'Asia/Kolkata',
	'Asia/Dacca': 'Asia/Dhaka',
	'Asia/Katmandu': 'Asia/Kathmandu',
	'Asia/Macao': 'Asia/Macau',
	'Asia/Rangoon': 'Asia/Yangon',
	'Asia/Saigon': 'Asia/Ho_Chi_Minh',
	'Asia/Thimbu': 'Asia/Thimphu',
	'Asia/Ujung_Pandang': 'Asia/Makassar',
	'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
	'Atlantic/Faeroe': 'Atlantic/Faroe',
	'Europe/Kiev': 'Europe/Kyiv',
	'Europe/Uzhgorod': 'Europe/Kyiv',
	'Europe/Zaporozhye': 'Europe/Kyiv',
	'Pacific/Enderbury': 'Pacific/Kanton',
	'Pacific/Ponape': 'Pacific/Pohnpei',
	'Pacific/Truk': 'Pacific/Chuuk',
	'Etc/GMT': 'UTC',
	'Etc/UCT': 'UTC',
	'Etc/Universal': 'UTC',
	'Etc/UTC': 'UTC',
	'Etc/Zulu': 'UTC',
	GMT: 'UTC',
	UCT: 'UTC',
	Universal: 'UTC',
	Zulu: 'UTC',
}

/** The zone's current name: "Asia/Calcutta" → "Asia/Kolkata"; a current name is itself. */
export function canonicalTimeZone(zone: string): string {
	return TIME_ZONE_ALIASES[zone] ?? zone
}

/** The groups of the zone picker, in this order; a saved zone from elsewhere gets a group after them. */
export const TIME_ZONE_REGIONS = ['Africa', 'America', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific', 'UTC'] as const

const regionOf = (zone: string) => (zone === 'UTC' ? 'UTC' : (zone.split('/')[0] ?? zone))
const isPickerRegion = (zone: string) => (TIME_ZONE_REGIONS as readonly string[]).includes(regionOf(zone))

/** The runtime's zones do not change while it runs: canonicalised once, not on every page. */
let pickerZones: string[] | null = null

/**
 * Every zone a person may pick, by its current name, sorted: the runtime's zones of the picker's
 * regions, UTC, and always the `extra` zones (e.g. the one saved).
 */
export function listTimeZones(...extra: string[]): string[] {
	pickerZones ??= [...Intl.supportedValuesOf('timeZone').map(canonicalTimeZone).filter(isPickerRegion), 'UTC']
	const zones = new Set(pickerZones)
	for (const zone of extra) if (zone) zones.add(canonicalTimeZone(zone))
	return [...zones].sort()
}

/** Descriptions by zone and offset: the offset is read exactly at each call, the words once. */
const descriptions = new Map<string, string>()

/** "Europe/Berlin (GMT+1)": the zone named, with its offset at `at` (which moves with DST). */
export function describeTimeZone(zone: string, at: Date): string {
	const ianaZone = IANAZone.create(zone)
	if (!ianaZone.isValid) return zone
	const key = `${zone}|${zoneOffsets(ianaZone).at(at.getTime())}`
	let description = descriptions.get(key)
	if (description === undefined) {
		description = `${zone.replaceAll('_', ' ')} (${DateTime.fromJSDate(at, { zone }).toFormat('ZZZZ')})`
		if (descriptions.size < 5000) descriptions.set(key, description)
	}
	return description
}

/** The wall-clock time in `zone` at `at`, e.g. "14:05". */
export function localTime(zone: string, at: Date): string {
	const local = DateTime.fromJSDate(at, { zone })
	return local.isValid ? local.toFormat('HH:mm') : ''
}

export type TimeZoneOption = {
	zone: string
	/** "Buenos Aires, Argentina" */
	city: string
	/** "UTC+05:30", "UTC-03:00" */
	offset: string
	/** "Kolkata (UTC+05:30)" */
	label: string
	/** What a search looks in: name, city, offset and the zone's old names, lower case. */
	search: string
}

const HOUR_MS = 3_600_000

/** The picker's labels of the current hour: ~420 zones formatted once an hour, not on every page. */
let labelled: { hour: number; options: Map<string, TimeZoneOption> } | null = null

const searchable = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[_/,()]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()

function cityOf(zone: string): string {
	if (zone === 'UTC') return 'UTC'
	const [, ...places] = zone.replaceAll('_', ' ').split('/')
	return places.length ? places.reverse().join(', ') : zone
}

/**
 * One option of the picker: "Kolkata (UTC+05:30)". The offset is the one in force at the start of
 * `at`'s hour, and stays cached for that hour; an offset changes at a DST transition, so a label
 * may lag one by up to an hour.
 */
export function timeZoneOption(zone: string, at: Date): TimeZoneOption {
	const hour = Math.floor(at.getTime() / HOUR_MS)
	if (labelled?.hour !== hour) labelled = { hour, options: new Map() }
	const cached = labelled.options.get(zone)
	if (cached) return cached
	const local = DateTime.fromMillis(hour * HOUR_MS, { zone })
	const offset = local.isValid ? `UTC${local.toFormat('ZZ')}` : ''
	const city = cityOf(zone)
	const oldNames = Object.keys(TIME_ZONE_ALIASES).filter((alias) => TIME_ZONE_ALIASES[alias] === zone)
	const option: TimeZoneOption = {
		zone,
		city,
		offset,
		label: zone === 'UTC' || !offset ? city : `${city} (${offset})`,
		search: searchable([zone, city, offset, ...oldNames].join(' ')),
	}
	labelled.options.set(zone, option)
	return option
}

export type TimeZoneGroup = { region: string; options: TimeZoneOption[] }

const byCity = new Intl.Collator('en').compare

/** The last grouping, for its hour and zones: every page of a kind shows the same list. */
let lastGroups: { hour: number; zones: string; groups: TimeZoneGroup[] } | null = null

/** The zones as the picker shows them: by region (Africa … Pacific, UTC), cities in alphabetical order. */
export function groupTimeZones(zones: string[], at: Date): TimeZoneGroup[] {
	const hour = Math.floor(at.getTime() / HOUR_MS)
	const key = zones.join(' ')
	if (lastGroups?.hour === hour && lastGroups.zones === key) return lastGroups.groups
	const groups = groupAnew(zones, at)
	lastGroups = { hour, zones: key, groups }
	return groups
}

function groupAnew(zones: string[], at: Date): TimeZoneGroup[] {
	const byRegion = new Map<string, TimeZoneOption[]>()
	for (const zone of new Set(zones.map(canonicalTimeZone))) {
		const region = regionOf(zone)
		const options = byRegion.get(region)
		if (options) options.push(timeZoneOption(zone, at))
		else byRegion.set(region, [timeZoneOption(zone, at)])
	}
	const order = (region: string) => {
		const index = (TIME_ZONE_REGIONS as readonly string[]).indexOf(region)
		return index === -1 ? TIME_ZONE_REGIONS.length : index
	}
	return [...byRegion]
		.sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
		.map(([region, options]) => ({ region, options: options.sort((a, b) => byCity(a.city, b.city)) }))
}

/** Whether an option answers a typed search: every word of it appears ("new york", "kyiv", "+05:30", "calcutta"). */
export function matchesTimeZoneSearch(option: TimeZoneOption, query: string): boolean {
	const words = searchable(query).split(' ').filter(Boolean)
	return words.every((word) => option.search.includes(word))
}
