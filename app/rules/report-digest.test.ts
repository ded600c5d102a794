import { describe, expect, test } from 'vitest'
import { describeChange, describeDays, digestDue, digestLines, type DigestMetrics } from './report-digest'

describe('digestDue: Monday 08:00–08:59 in the subscriber zone', () => {
	test('Asia/Kolkata (UTC+5:30): 02:30 UTC on Monday is 08:00 there, 03:29 the last minute', () => {
		expect(digestDue(new Date('2027-03-08T02:29:00Z'), 'Asia/Kolkata')).toBeNull()
		expect(digestDue(new Date('2027-03-08T02:30:00Z'), 'Asia/Kolkata')).toEqual({
			week: '2027-W10',
			current: { from: '2027-03-01', to: '2027-03-07' },
			previous: { from: '2027-02-22', to: '2027-02-28' },
		})
		expect(digestDue(new Date('2027-03-08T03:29:59Z'), 'Asia/Kolkata')?.week).toBe('2027-W10')
		expect(digestDue(new Date('2027-03-08T03:30:00Z'), 'Asia/Kolkata')).toBeNull()
	})

	test('America/Los_Angeles across the March DST change: 16:00 UTC in PST, 15:00 UTC in PDT', () => {
		// Sunday 14 March 2027 02:00 the clocks go forward.
		expect(digestDue(new Date('2027-03-08T16:00:00Z'), 'America/Los_Angeles')?.week).toBe('2027-W10')
		expect(digestDue(new Date('2027-03-15T15:00:00Z'), 'America/Los_Angeles')).toMatchObject({ week: '2027-W11', current: { from: '2027-03-08', to: '2027-03-14' } })
		expect(digestDue(new Date('2027-03-15T16:00:00Z'), 'America/Los_Angeles')).toBeNull()
		expect(digestDue(new Date('2027-03-15T14:59:00Z'), 'America/Los_Angeles')).toBeNull()
	})

	test('the same instant is Monday 08:00 in one zone and not in another', () => {
		const instant = new Date('2027-03-08T02:45:00Z')
		expect(digestDue(instant, 'Asia/Kolkata')).not.toBeNull()
		expect(digestDue(instant, 'America/Los_Angeles')).toBeNull() // Sunday 18:45 there
		expect(digestDue(instant, 'Europe/Berlin')).toBeNull()
	})

	test('the ISO week of a Monday in early January belongs to the new year, the week reported to the old one', () => {
		expect(digestDue(new Date('2027-01-04T08:10:00Z'), 'UTC')).toEqual({
			week: '2027-W01',
			current: { from: '2026-12-28', to: '2027-01-03' },
			previous: { from: '2026-12-21', to: '2026-12-27' },
		})
	})
})

const metrics = (over: Partial<{ registrations: number[]; confirmed: number; lapsed: number; sessions: number; average: number | null }>): DigestMetrics => ({
	registrationsByStatus: Object.fromEntries((over.registrations ?? []).map((n, i) => [`status${i}`, n])),
	relationships: { confirmed: over.confirmed ?? 0, lapsed: over.lapsed ?? 0, ended: 0 },
	feedback: { average: over.average ?? null, count: over.average ? 1 : 0 },
	contactActivity: { sessions: over.sessions ?? 0 },
})

describe('digestLines and their changes', () => {
	test('registrations are summed over the statuses; each number sits beside the week before', () => {
		const lines = digestLines(metrics({ registrations: [2, 3, 1], confirmed: 4, lapsed: 1, sessions: 9, average: 4.5 }), metrics({ registrations: [4], confirmed: 4, lapsed: 3, sessions: 6 }))
		expect(lines.map((l) => [l.label, l.value, l.previous, describeChange(l)])).toEqual([
			['Registrations', 6, 4, '+2'],
			['Matches', 4, 4, 'no change'],
			['Sessions held', 9, 6, '+3'],
			['Feedback average (1–5)', 4.5, null, '–'],
			['Lapsed relationships', 1, 3, '−2'],
		])
	})

	test('weeks are named for people', () => {
		expect(describeDays({ from: '2027-03-01', to: '2027-03-07' })).toBe('1–7 March 2027')
		expect(describeDays({ from: '2027-04-26', to: '2027-05-02' })).toBe('26 April – 2 May 2027')
		expect(describeDays({ from: '2026-12-28', to: '2027-01-03' })).toBe('28 December 2026 – 3 January 2027')
	})
})
