import { describe, expect, test } from 'vitest'
import { isLapsed, lapsedAlertKey, scheduleReminderKey } from './reminders'

const DAY = 86_400_000
const NOW = new Date('2027-06-01T12:00:00Z')
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

describe('the monthly schedule reminder', () => {
	test('waits for the first 30 days, then names one reminder per 30-day period', () => {
		const key = (days: number) => scheduleReminderKey({ relationshipId: 'r', userId: 'u', lastTouch: ago(days), now: NOW })
		expect(key(29)).toBeNull()
		expect(key(30)).toBe('schedule_reminder:r:u:1')
		expect(key(59)).toBe(key(30))
		expect(key(60)).toBe('schedule_reminder:r:u:2')
	})
})

describe('lapsed relationships', () => {
	test('lapse after 45 days without a completed session, not a day earlier', () => {
		expect(isLapsed(ago(44), NOW)).toBe(false)
		expect(isLapsed(ago(45), NOW)).toBe(true)
	})

	test('a new lapse after a completed session is a new alert', () => {
		const before = lapsedAlertKey({ relationshipId: 'r', lastCompletedSessionId: null, adminId: 'a' })
		const after = lapsedAlertKey({ relationshipId: 'r', lastCompletedSessionId: 's', adminId: 'a' })
		expect(before).not.toBe(after)
	})
})
