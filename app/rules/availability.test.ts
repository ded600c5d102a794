import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { addDays, minutesOfDay, weekdayOf, weeklyDates, weeklyRule, weeklyWindowsFromRule, type Weekday } from './availability'

describe('weekly windows are stored as an RRULE with wall-clock times beside it', () => {
	test('a Monday window is FREQ=WEEKLY;BYDAY=MO with no DTSTART or zone', () => {
		expect(weeklyRule({ weekday: 1, start: '09:00', end: '12:00' })).toEqual({
			rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO',
			start: '09:00',
			end: '12:00',
		})
	})

	test.each([1, 2, 3, 4, 5, 6, 7] as Weekday[])('ISO weekday %i survives the round trip', (weekday) => {
		const window = { weekday, start: '18:30', end: '24:00' }
		expect(weeklyWindowsFromRule(weeklyRule(window))).toEqual([window])
	})

	test('a stored rule naming several days gives one window per day', () => {
		expect(weeklyWindowsFromRule({ rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,SU', start: '08:00', end: '10:00' })).toEqual([
			{ weekday: 1, start: '08:00', end: '10:00' },
			{ weekday: 3, start: '08:00', end: '10:00' },
			{ weekday: 7, start: '08:00', end: '10:00' },
		])
	})
})

describe('weeklyDates expands a rule over local dates, both ends included', () => {
	test('the Sundays of March 2027, whatever any zone does that month', () => {
		expect(weeklyDates('RRULE:FREQ=WEEKLY;BYDAY=SU', '2027-03-01', '2027-03-28')).toEqual([
			'2027-03-07',
			'2027-03-14',
			'2027-03-21',
			'2027-03-28',
		])
	})

	test('a range of one date holds that date only when it is the rule’s weekday', () => {
		expect(weeklyDates('RRULE:FREQ=WEEKLY;BYDAY=FR', '2027-03-26', '2027-03-26')).toEqual(['2027-03-26'])
		expect(weeklyDates('RRULE:FREQ=WEEKLY;BYDAY=SA', '2027-03-26', '2027-03-26')).toEqual([])
	})

	test('across a year end', () => {
		expect(weeklyDates('RRULE:FREQ=WEEKLY;BYDAY=TH', '2027-12-25', '2028-01-08')).toEqual(['2027-12-30', '2028-01-06'])
	})
})

test('the dates a weekly rule expands to are exactly the dates of its weekday, which the slot engine walks', () => {
	const dates = fc.integer({ min: Date.UTC(1970, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10))
	fc.assert(
		fc.property(fc.integer({ min: 1, max: 7 }), dates, fc.integer({ min: 0, max: 40 }), (weekday, first, span) => {
			const last = addDays(first, span)
			const walked: string[] = []
			for (let date = first; date <= last; date = addDays(date, 1)) if (weekdayOf(date) === weekday) walked.push(date)
			expect(weeklyDates(weeklyRule({ weekday: weekday as Weekday, start: '09:00', end: '10:00' }).rrule, first, last)).toEqual(walked)
		}),
		{ numRuns: 200 },
	)
})

test.each([
	['00:00', 0],
	['09:30', 570],
	['23:59', 1439],
	['24:00', 1440],
	['24:01', NaN],
	['12:60', NaN],
	['9:30', NaN],
	['', NaN],
])('minutesOfDay(%j) is %d', (time, minutes) => {
	expect(minutesOfDay(time)).toBe(minutes)
})

test('addDays walks local dates across month and year ends', () => {
	expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
	expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
	expect(addDays('2028-01-01', -1)).toBe('2027-12-31')
})
