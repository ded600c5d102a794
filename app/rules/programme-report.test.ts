import { describe, expect, test } from 'vitest'
import { change, chosenMetrics, daysIn, perRelationshipMonth, periodsOf, periodUnit, presetRange, previousRange, rate, readReportQuery, reportSearch } from './programme-report'

const read = (query: string) => readReportQuery(new URLSearchParams(query), '2027-03-15', '2026-11-20')

describe('ranges', () => {
	test('presets as seen on a day', () => {
		expect(presetRange('last_30_days', '2027-03-15', '2026-11-20')).toEqual({ from: '2027-02-14', to: '2027-03-15' })
		expect(presetRange('this_quarter', '2027-05-02', '2026-11-20')).toEqual({ from: '2027-04-01', to: '2027-05-02' })
		expect(presetRange('this_year', '2027-03-15', '2026-11-20')).toEqual({ from: '2027-01-01', to: '2027-03-15' })
		expect(presetRange('all_time', '2027-03-15', '2026-11-20')).toEqual({ from: '2026-11-20', to: '2027-03-15' })
		// A programme created "tomorrow" (clock skew) still gives a range of one day, never a reversed one.
		expect(presetRange('all_time', '2027-03-15', '2027-03-16')).toEqual({ from: '2027-03-15', to: '2027-03-15' })
	})

	test('the previous period has the same number of days and ends the day before', () => {
		expect(previousRange({ from: '2027-02-01', to: '2027-02-28' })).toEqual({ from: '2027-01-04', to: '2027-01-31' })
		expect(previousRange({ from: '2027-03-15', to: '2027-03-15' })).toEqual({ from: '2027-03-14', to: '2027-03-14' })
		expect(daysIn({ from: '2024-02-01', to: '2024-03-01' })).toBe(30)
	})

	test('weeks (Mondays) up to 92 days, months beyond, every period that meets the range', () => {
		expect(periodUnit({ from: '2027-01-01', to: '2027-04-02' })).toBe('week')
		expect(periodUnit({ from: '2027-01-01', to: '2027-04-03' })).toBe('month')
		expect(periodsOf({ from: '2027-02-03', to: '2027-02-15' })).toEqual(['2027-02-01', '2027-02-08', '2027-02-15'])
		expect(periodsOf({ from: '2026-11-20', to: '2027-02-01' })).toEqual(['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01'])
		expect(periodsOf({ from: '2026-11-20', to: '2027-03-15' })).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01'])
	})
})

describe('arithmetic', () => {
	test('rates are 0 with nothing to count, never NaN', () => {
		expect(rate(2, 3)).toBe(0.6667)
		expect(rate(0, 0)).toBe(0)
		expect(perRelationshipMonth(3, 0)).toBe(0)
		expect(perRelationshipMonth(2, 30.4375)).toBe(2)
		expect(change(3, 2)).toEqual({ delta: 1, relative: 0.5 })
		expect(change(3, 0)).toEqual({ delta: 3, relative: null })
	})

	test('the metrics a programme chose, in the report’s order, or the defaults', () => {
		expect(chosenMetrics(['feedback', 'registrations'])).toEqual(['registrations', 'feedback'])
		expect(chosenMetrics(null)).toContain('matching')
		expect(chosenMetrics(null)).not.toContain('no_shows')
	})
})

describe('the query string', () => {
	test('nothing given is all time; a preset; from and to win over a preset; one end takes the other from all time', () => {
		expect(read('')).toEqual({ ok: true, query: { range: { from: '2026-11-20', to: '2027-03-15' }, preset: 'all_time', filters: {} } })
		expect(read('preset=last_30_days&role=mentee&department=Sales')).toEqual({
			ok: true,
			query: { range: { from: '2027-02-14', to: '2027-03-15' }, preset: 'last_30_days', filters: { role: 'mentee', department: 'Sales' } },
		})
		expect(read('preset=this_year&from=2027-02-01&to=2027-02-10')).toMatchObject({ ok: true, query: { range: { from: '2027-02-01', to: '2027-02-10' }, preset: null } })
		expect(read('from=2027-03-01')).toMatchObject({ ok: true, query: { range: { from: '2027-03-01', to: '2027-03-15' } } })
		expect(read('to=2027-01-01')).toMatchObject({ ok: true, query: { range: { from: '2026-11-20', to: '2027-01-01' } } })
	})

	test('refusals name their field', () => {
		expect(read('from=2027-13-01')).toMatchObject({ ok: false, fields: { from: [expect.any(String)] } })
		expect(read('preset=always')).toMatchObject({ ok: false, fields: { preset: [expect.any(String)] } })
		// Only `from` given, after today: the range would run backwards.
		expect(read('from=2027-04-01')).toMatchObject({ ok: false, fields: { from: [expect.any(String)] } })
		expect(read('from=9999-12-01&to=9999-12-31')).toMatchObject({ ok: false, fields: { to: ['Choose a date up to 9998-12-31.'] } })
		expect(read('from=2010-01-01&to=2027-01-01')).toMatchObject({ ok: false, fields: { from: [expect.stringContaining('3660 days')] } })
	})

	test('the search of a query keeps its preset or its days and its filters', () => {
		const parsed = read('preset=this_quarter&location=Paris')
		expect(parsed.ok && reportSearch(parsed.query)).toBe('?preset=this_quarter&location=Paris')
		const days = read('from=2027-01-01&to=2027-01-31')
		expect(days.ok && reportSearch(days.query)).toBe('?from=2027-01-01&to=2027-01-31')
	})
})
