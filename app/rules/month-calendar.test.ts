import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatLocalDate, formatSlotClock, formatWeekday } from '../utils/format-time'
import { addMonths, firstDayOfWeek, localDateOf, monthGrid, moveFocus, preferredLocale, slotsByDay, weekdayColumns, weekdayOf } from './month-calendar'

describe('monthGrid', () => {
	test('December 2026 starts on a Tuesday: one empty cell on a Monday grid, two on a Sunday grid', () => {
		const monday = monthGrid('2026-12', 1)
		expect(monday[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'])
		expect(monday).toHaveLength(5)
		expect(monday.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null])
		const sunday = monthGrid('2026-12', 7)
		expect(sunday[0]!.slice(0, 3)).toEqual([null, null, '2026-12-01'])
		expect(weekdayColumns(7)).toEqual([7, 1, 2, 3, 4, 5, 6])
	})

	test('February 2027 and a leap February hold their days, each under its weekday', () => {
		expect(monthGrid('2027-02').flat().filter(Boolean)).toHaveLength(28)
		expect(monthGrid('2028-02').flat().filter(Boolean)).toHaveLength(29)
		fc.assert(
			fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 7) as fc.Arbitrary<1 | 7>, (year, m, start) => {
				const month = `${year}-${String(m).padStart(2, '0')}`
				const columns = weekdayColumns(start)
				for (const week of monthGrid(month, start)) {
					expect(week).toHaveLength(7)
					week.forEach((date, i) => date && expect(weekdayOf(date)).toBe(columns[i]))
				}
			}),
		)
	})
})

describe('slotsByDay', () => {
	// 03:30 and 04:30 UTC on 10 December are still the 9th in Toronto, and already the 10th in Berlin.
	const starts = [Date.parse('2026-12-10T03:30:00Z'), Date.parse('2026-12-10T04:30:00Z'), Date.parse('2026-12-10T16:00:00Z')]

	test('groups slots by their local day in the viewer’s zone', () => {
		expect([...slotsByDay(starts, 'America/Toronto')].map(([day, list]) => [day, list.length])).toEqual([
			['2026-12-09', 2],
			['2026-12-10', 1],
		])
		expect([...slotsByDay(starts, 'Europe/Berlin')].map(([day, list]) => [day, list.length])).toEqual([['2026-12-10', 3]])
	})

	test('a local day across a DST change keeps its slots on the right date', () => {
		// 29 March 2026, Berlin moves from UTC+1 to UTC+2 at 01:00 UTC; 23:30 UTC is already the 30th.
		expect(localDateOf(Date.parse('2026-03-29T21:59:00Z'), 'Europe/Berlin')).toBe('2026-03-29')
		expect(localDateOf(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Berlin')).toBe('2026-03-30')
	})
})

describe('moveFocus', () => {
	test('arrows move a day or a week, across month ends', () => {
		expect(moveFocus('2026-12-31', 'ArrowRight')).toBe('2027-01-01')
		expect(moveFocus('2026-12-01', 'ArrowLeft')).toBe('2026-11-30')
		expect(moveFocus('2026-12-03', 'ArrowDown')).toBe('2026-12-10')
		expect(moveFocus('2026-12-03', 'ArrowUp')).toBe('2026-11-26')
	})

	test('Home and End go to the start and end of the week, as the grid’s columns run', () => {
		// Thursday 10 December 2026.
		expect(moveFocus('2026-12-10', 'Home', 1)).toBe('2026-12-07')
		expect(moveFocus('2026-12-10', 'End', 1)).toBe('2026-12-13')
		expect(moveFocus('2026-12-10', 'Home', 7)).toBe('2026-12-06')
		expect(moveFocus('2026-12-10', 'End', 7)).toBe('2026-12-12')
		expect(moveFocus('2026-12-13', 'End', 1)).toBe('2026-12-13')
	})

	test('PageUp and PageDown keep the day of the month, or take the last day of a shorter month', () => {
		expect(moveFocus('2026-12-10', 'PageDown')).toBe('2027-01-10')
		expect(moveFocus('2027-01-31', 'PageDown')).toBe('2027-02-28')
		expect(moveFocus('2026-03-31', 'PageUp')).toBe('2026-02-28')
		expect(addMonths('2026-12', 1)).toBe('2027-01')
		expect(addMonths('2026-01', -1)).toBe('2025-12')
	})
})

describe('the viewer’s locale', () => {
	test('is the first language of Accept-Language that Intl knows, else British English', () => {
		expect(preferredLocale('en-US,en;q=0.9')).toBe('en-US')
		expect(preferredLocale('de-DE;q=1, en;q=0.5')).toBe('de-DE')
		expect(preferredLocale('*')).toBe('en-GB')
		expect(preferredLocale(null)).toBe('en-GB')
		expect(preferredLocale('not a tag!!')).toBe('en-GB')
	})

	test('sets the week’s first day and the clock: 12 hours in the US, 24 in Britain and Germany', () => {
		expect(firstDayOfWeek('en-US')).toBe(7)
		expect(firstDayOfWeek('en-GB')).toBe(1)
		expect(firstDayOfWeek('de')).toBe(1)
		const at = Date.parse('2026-12-10T14:05:00Z')
		expect(formatSlotClock(at, 'America/Toronto', 'en-US')).toBe('9:05 AM')
		expect(formatSlotClock(at, 'America/Toronto', 'en-GB')).toBe('09:05')
		expect(formatSlotClock(at, 'Europe/Berlin', 'de')).toBe('15:05')
		expect(formatLocalDate('2026-12-10', 'en-GB')).toBe('Thursday, 10 December 2026')
		expect(formatLocalDate('2026-12-10', 'en-US')).toBe('Thursday, December 10, 2026')
		expect(formatWeekday(1, 'en-GB')).toBe('Mon')
		expect(formatWeekday(7, 'en-GB', 'long')).toBe('Sunday')
	})
})
