import { afterEach, expect, test } from 'vitest'
import { advanceClock, freezeClockAt, now, resetClock, startClockAt } from './clock.server'

afterEach(() => resetClock())

test('a frozen clock stands still until advanced', async () => {
	freezeClockAt(new Date('2027-03-28T00:59:00Z'))
	await new Promise((r) => setTimeout(r, 15))
	expect(now().toISOString()).toBe('2027-03-28T00:59:00.000Z')
	advanceClock(120_000)
	expect(now().toISOString()).toBe('2027-03-28T01:01:00.000Z')
})

test('a started clock begins at the instant and ticks on', async () => {
	startClockAt(new Date('2027-10-31T00:00:00Z'))
	const first = now().getTime()
	expect(Math.abs(first - Date.parse('2027-10-31T00:00:00Z'))).toBeLessThan(50)
	await new Promise((r) => setTimeout(r, 30))
	expect(now().getTime()).toBeGreaterThan(first)
})

test('reset returns to real time', () => {
	freezeClockAt(new Date('2000-01-01T00:00:00Z'))
	resetClock()
	expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(50)
})
