import fc from 'fast-check'
import { IANAZone } from 'luxon'
import { describe, expect, test } from 'vitest'
import { zoneOffsets } from './zone-offsets'

const MINUTE = 60_000
const ZONES = Intl.supportedValuesOf('timeZone')

describe('a zone’s kept offsets', () => {
	test('agree with Intl at any minute of 1990–2060 in every zone', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1990, 0, 1) / MINUTE, max: Date.UTC(2060, 0, 1) / MINUTE }), (name, minute) => {
				const zone = IANAZone.create(name)
				expect(zoneOffsets(zone).at(minute * MINUTE)).toBe(zone.offset(minute * MINUTE))
			}),
			{ numRuns: 5000 },
		)
	})

	test('change on the minute the clocks do, on both sides of it', () => {
		const berlin = zoneOffsets(IANAZone.create('Europe/Berlin'))
		const springForward = Date.parse('2027-03-28T01:00:00Z')
		expect(berlin.at(springForward - 1)).toBe(60)
		expect(berlin.at(springForward)).toBe(120)
		expect(berlin.lastChangeIn(springForward - 1, springForward)).toBe(springForward)
		expect(berlin.lastChangeIn(springForward, springForward + 60 * MINUTE)).toBeUndefined()
		// Lord Howe moves by half an hour, at 02:00 local standard time.
		const lordHowe = zoneOffsets(IANAZone.create('Australia/Lord_Howe'))
		const change = Date.parse('2027-10-02T15:30:00Z')
		expect([lordHowe.at(change - MINUTE), lordHowe.at(change)]).toEqual([630, 660])
	})

	test('every clock change of Berlin 2020–2035 is found, where Intl’s offset changes', () => {
		const berlin = zoneOffsets(IANAZone.create('Europe/Berlin'))
		const lo = Date.parse('2020-01-01T00:00:00Z')
		const hi = Date.parse('2035-01-01T00:00:00Z')
		const changes: number[] = []
		for (let t = lo; t < hi; ) {
			const next = berlin.lastChangeIn(t, Math.min(hi, t + 100 * 24 * 60 * MINUTE))
			if (next === undefined) t += 100 * 24 * 60 * MINUTE
			else {
				changes.push(next)
				t = next
			}
		}
		expect(changes).toHaveLength(30)
		const zone = IANAZone.create('Europe/Berlin')
		for (const change of changes) expect(zone.offset(change)).not.toBe(zone.offset(change - MINUTE))
	})
})
