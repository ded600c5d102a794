import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { exportFileName, exportOfFile, exportSearch, neutraliseCell, readExportFilters } from './exports'

describe('neutraliseCell', () => {
	test.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])('%j gets a leading quote', (cell) => {
		expect(neutraliseCell(cell)).toBe(`'${cell}`)
	})

	test('anything else is left as it is', () => {
		fc.assert(
			fc.property(fc.string(), (cell) => {
				const out = neutraliseCell(cell)
				expect(out === cell || out === `'${cell}`).toBe(true)
				expect(/^[=+\-@\t\r]/.test(out)).toBe(false)
			}),
		)
		expect(neutraliseCell('2027-01-01T10:00:00-05:00')).toBe('2027-01-01T10:00:00-05:00')
	})
})

describe('file names', () => {
	test('only the four exports, as .csv', () => {
		expect(exportOfFile('participation-dates.csv')).toBe('participation-dates')
		expect(exportOfFile('registrations')).toBeNull()
		expect(exportOfFile('payouts.csv')).toBeNull()
	})

	test("today's date in the programme's zone: late evening in New York is already tomorrow in UTC", () => {
		const at = new Date('2027-03-01T02:30:00Z')
		expect(exportFileName('leadership-2027', 'sessions', at, 'America/New_York')).toBe('leadership-2027-sessions-2027-02-28.csv')
		expect(exportFileName('leadership-2027', 'sessions', at, 'UTC')).toBe('leadership-2027-sessions-2027-03-01.csv')
	})
})

describe('readExportFilters', () => {
	const read = (query: string) => readExportFilters(new URLSearchParams(query))

	test('the table’s filters, empty ones left out', () => {
		expect(read('department=%20Sales%20&location=&role=mentee&status=searching,completed&status=searching&from=2027-01-01&to=2027-01-31&q=')).toEqual({
			ok: true,
			filters: { department: 'Sales', role: 'mentee', statuses: ['searching', 'completed'], from: '2027-01-01', to: '2027-01-31' },
		})
		expect(read('')).toEqual({ ok: true, filters: {} })
	})

	test.each([
		['role=admin', 'role'],
		['from=2027-02-29', 'from'],
		['to=31/01/2027', 'to'],
		['from=2027-02-01&to=2027-01-31', 'to'],
		['status=lapsed', 'status'],
		[`q=${'x'.repeat(201)}`, 'q'],
	])('%s is refused on its field', (query, field) => {
		const result = read(query)
		expect(result.ok).toBe(false)
		if (!result.ok) expect(Object.keys(result.fields)).toEqual([field])
	})

	test('links carry the filters back as they were read', () => {
		const filters = { statuses: ['in_progress' as const], role: 'mentor' as const, department: 'R&D', from: '2027-01-01' }
		expect(read(exportSearch(filters).slice(1))).toEqual({ ok: true, filters })
		expect(exportSearch({})).toBe('')
	})
})
