import { expect, test } from 'vitest'
import { describeTimeZone, listTimeZones, localTime } from './time-zones'

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
