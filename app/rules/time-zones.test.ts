import { expect, test } from 'vitest'
import { IANAZone } from 'luxon'
import { canonicalTimeZone, describeTimeZone, groupTimeZones, listTimeZones, localTime, matchesTimeZoneSearch, TIME_ZONE_ALIASES, timeZoneOption } from './time-zones'

test('names the zone with the offset in force at that instant, across DST', () => {
	expect(describeTimeZone('Europe/Berlin', new Date('2027-01-15T12:00:00Z'))).toBe('Europe/Berlin (GMT+1)')
	expect(describeTimeZone('Europe/Berlin', new Date('2027-07-15T12:00:00Z'))).toBe('Europe/Berlin (GMT+2)')
	expect(localTime('Europe/Berlin', new Date('2027-07-15T12:00:00Z'))).toBe('14:00')
})

test('the zone list is sorted, has UTC, and always includes the zones asked for', () => {
	const zones = listTimeZones('Asia/Kolkata')
	expect(zones).toContain('UTC')
	expect(zones).toContain('Asia/Kolkata')
	expect([...zones].sort()).toEqual(zones)
	expect(new Set(zones).size).toBe(zones.length)
})

test('old spellings are read as the zone’s current name, and every alias points at a zone the runtime knows', () => {
	expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata')
	expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv')
	expect(canonicalTimeZone('America/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires')
	expect(canonicalTimeZone('Etc/UTC')).toBe('UTC')
	expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin')
	for (const [alias, zone] of Object.entries(TIME_ZONE_ALIASES)) {
		expect(IANAZone.isValidZone(zone), `${alias} → ${zone}`).toBe(true)
		expect(TIME_ZONE_ALIASES[zone], `${zone} is itself an alias`).toBeUndefined()
	}
})

test('the picker offers current names only, from its regions, whatever the runtime calls them', () => {
	const zones = listTimeZones('Asia/Calcutta')
	expect(zones).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires', 'America/New_York', 'UTC']))
	for (const alias of Object.keys(TIME_ZONE_ALIASES)) expect(zones).not.toContain(alias)
	expect(zones.filter((zone) => zone.startsWith('Antarctica/'))).toEqual([])
	// A saved zone outside the regions is still offered, so the form never silently changes it.
	expect(listTimeZones('Antarctica/Troll')).toContain('Antarctica/Troll')
})

test('options are grouped by region in order, labelled with the city and the offset, which moves with DST', () => {
	const january = new Date('2027-01-15T12:00:00Z')
	const july = new Date('2027-07-15T12:00:00Z')
	const zones = ['UTC', 'Europe/Kiev', 'Asia/Kolkata', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Africa/Lagos', 'Antarctica/Troll']
	const groups = groupTimeZones(zones, january)
	expect(groups.map((g) => g.region)).toEqual(['Africa', 'America', 'Asia', 'Europe', 'UTC', 'Antarctica'])
	expect(groups.find((g) => g.region === 'America')!.options.map((o) => o.label)).toEqual(['Buenos Aires, Argentina (UTC-03:00)', 'New York (UTC-05:00)'])
	expect(groups.find((g) => g.region === 'Asia')!.options[0]).toMatchObject({ zone: 'Asia/Kolkata', label: 'Kolkata (UTC+05:30)' })
	expect(groups.find((g) => g.region === 'Europe')!.options[0]).toMatchObject({ zone: 'Europe/Kyiv', label: 'Kyiv (UTC+02:00)' })
	expect(groups.find((g) => g.region === 'UTC')!.options[0]!.label).toBe('UTC')

	expect(timeZoneOption('America/New_York', july).label).toBe('New York (UTC-04:00)')
	expect(timeZoneOption('Europe/Kyiv', july).label).toBe('Kyiv (UTC+03:00)')
	expect(timeZoneOption('Asia/Kolkata', july).label).toBe('Kolkata (UTC+05:30)')
})

test('a label is formatted once an hour: the same hour answers the same option, the next hour a fresh one', () => {
	const first = timeZoneOption('Europe/Berlin', new Date('2027-03-28T00:05:00Z'))
	expect(timeZoneOption('Europe/Berlin', new Date('2027-03-28T00:55:00Z'))).toBe(first)
	expect(first.offset).toBe('UTC+01:00')
	// Berlin moves to summer time at 01:00 UTC that night.
	const next = timeZoneOption('Europe/Berlin', new Date('2027-03-28T01:05:00Z'))
	expect(next).not.toBe(first)
	expect(next.offset).toBe('UTC+02:00')
})

test('typing a city, an old name or an offset finds the zone', () => {
	const at = new Date('2027-01-15T12:00:00Z')
	const options = groupTimeZones(listTimeZones(), at).flatMap((g) => g.options)
	const find = (query: string) => options.filter((o) => matchesTimeZoneSearch(o, query)).map((o) => o.zone)
	expect(find('Kolkata')).toEqual(['Asia/Kolkata'])
	expect(find('calcutta')).toEqual(['Asia/Kolkata'])
	expect(find('Kyiv')).toEqual(['Europe/Kyiv'])
	expect(find('Kiev')).toEqual(['Europe/Kyiv'])
	expect(find('New York')).toEqual(['America/New_York'])
	expect(find('buenos aires')).toEqual(['America/Argentina/Buenos_Aires'])
	expect(find('+05:30')).toContain('Asia/Kolkata')
	expect(find('São Paulo')).toEqual(['America/Sao_Paulo'])
	expect(find('Atlantis')).toEqual([])
})
