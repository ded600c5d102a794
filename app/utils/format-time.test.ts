import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { formatClock, formatDay, formatRange, groupByLocalDay, localDateOf } from './format-time'

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'UTC', 'Pacific/Kiritimati']
const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).setLocale('en-GB')

describe('times as people read them', () => {
	test('agree with Luxon’s reading for any instant of 2000–2060 in zones with odd offsets and clock changes', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }), (zone, ms) => {
				const iso = new Date(ms).toISOString()
				expect(formatClock(iso, zone)).toBe(inZone(iso, zone).toFormat('HH:mm'))
				expect(formatDay(iso, zone)).toBe(inZone(iso, zone).toFormat('ccc d LLL yyyy'))
				expect(localDateOf(iso, zone)).toBe(inZone(iso, zone).toISODate())
			}),
			{ numRuns: 3000 },
		)
	})

	test('on the clock-change nights, and grouped by the local day with its full name', () => {
		// Berlin springs forward at 01:00 UTC on 28 March 2027: 01:59 winter time, then 03:00.
		expect(formatClock('2027-03-28T00:59:00Z', 'Europe/Berlin')).toBe('01:59')
		expect(formatClock('2027-03-28T01:00:00Z', 'Europe/Berlin')).toBe('03:00')
		expect(formatRange('2027-03-03T08:00:00Z', '2027-03-03T08:20:00Z', 'Asia/Kolkata')).toBe('Wed 3 Mar 2027, 13:30–13:50')
		// 22:30 and 05:00 UTC are 18:30 on the 1st and 01:00 on the 2nd in New York (UTC-4 in September).
		const days = groupByLocalDay([{ start: '2027-09-01T22:30:00Z' }, { start: '2027-09-02T05:00:00Z' }, { start: '2027-09-01T12:00:00Z' }], 'America/New_York')
		expect(days.map((d) => [d.date, d.label, d.items.length])).toEqual([
			['2027-09-01', 'Wednesday 1 September', 2],
			['2027-09-02', 'Thursday 2 September', 1],
		])
	})
})
