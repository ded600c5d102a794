import { describe, expect, test } from 'vitest'
import { describeTimeLeft, isLapsed, lapsedAlertKey, scheduleReminderKey } from './reminders'

const DAY = 86_400_000
const NOW = new Date('2027-06-01T12:00:00Z')
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

describe('the time a session reminder says is left', () => {
	const before = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
	test('hours while more than 90 minutes are left, minutes after that', () => {
		expect(describeTimeLeft(NOW, before(24 * 60))).toBe('in 24 hours')
		expect(describeTimeLeft(NOW, before(5 * 60 + 10))).toBe('in 5 hours')
		expect(describeTimeLeft(NOW, before(90))).toBe('in 2 hours')
		expect(describeTimeLeft(NOW, before(89))).toBe('in 89 minutes')
		expect(describeTimeLeft(NOW, before(1))).toBe('in 1 minute')
	})
})

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
