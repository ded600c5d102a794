import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	assembleMarketplaceReport,
	conversionRate,
	marketplaceReportQuerySchema,
	periodLabel,
	platformFeeCents,
	reportPeriods,
	type ReportQuery,
	type ReportRows,
} from './marketplace-report'
import { mentorShareCents, perSessionCents } from './money'

const TODAY = '2027-03-21'
const parse = (input: Record<string, string | undefined>) => marketplaceReportQuerySchema(TODAY).safeParse(input)
const fieldsOf = (input: Record<string, string | undefined>) => {
	const result = parse(input)
	return result.success ? null : result.error.flatten().fieldErrors
}

describe('the platform fee is what payouts leave the platform', () => {
	test('worked examples: rounding goes to the platform, per session', () => {
		// 3 × 33.33 € at 15 %: 3333 × 0.85 = 2833.05 → 2833 to the mentor a session; 9999 − 8499.
		expect(platformFeeCents({ priceCents: 9999, creditsTotal: 3, platformFeePercent: 15 })).toBe(1500)
		expect(platformFeeCents({ priceCents: 24000, creditsTotal: 4, platformFeePercent: 20 })).toBe(4800)
		// An older price that does not split evenly: 333 a session, 266 to the mentor (266.4), and the odd cent stays too.
		expect(platformFeeCents({ priceCents: 1000, creditsTotal: 3, platformFeePercent: 20 })).toBe(202)
		expect(platformFeeCents({ priceCents: 5000, creditsTotal: 2, platformFeePercent: 0 })).toBe(0)
		expect(platformFeeCents({ priceCents: 5000, creditsTotal: 2, platformFeePercent: 100 })).toBe(5000)
	})

	test('fee + every session’s payout = the price, and the fee is never below the exact percentage', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 100 }), (credits, perSession, fee) => {
				const bundle = { priceCents: credits * perSession, creditsTotal: credits, platformFeePercent: fee }
				const share = mentorShareCents(perSessionCents(bundle), fee)
				const platform = platformFeeCents(bundle)
				expect(platform + credits * share).toBe(bundle.priceCents)
				expect(platform).toBeGreaterThanOrEqual((bundle.priceCents * fee) / 100)
				expect(Number.isInteger(platform)).toBe(true)
			}),
		)
	})
})

describe('intro-to-bundle conversion', () => {
	test('a fraction to four decimals, 0 without intros (never NaN)', () => {
		expect(conversionRate(0, 0)).toBe(0)
		expect(conversionRate(2, 3)).toBe(0.6667)
		expect(conversionRate(1, 8)).toBe(0.125)
		expect(conversionRate(4, 4)).toBe(1)
	})
})

describe('the query: one schema for the page and the API', () => {
	test('left out (or empty, as a GET form sends it): twelve months ending today', () => {
		expect(parse({}).data).toEqual({ from: '2026-04-01', to: TODAY, interval: 'month' })
		expect(parse({ from: '', to: '', interval: '' }).data).toEqual({ from: '2026-04-01', to: TODAY, interval: 'month' })
		// Twelve weeks: the one holding today (Monday 15 March) and the eleven before it.
		expect(parse({ interval: 'week' }).data).toEqual({ from: '2026-12-28', to: TODAY, interval: 'week' })
		expect(parse({ to: '2027-01-10', interval: 'week' }).data).toEqual({ from: '2026-10-19', to: '2027-01-10', interval: 'week' })
	})

	test('bad dates, a reversed range, an unknown interval and a range too long name their field', () => {
		expect(fieldsOf({ from: '2027-02-29' })).toEqual({ from: ['That date does not exist.'] })
		expect(fieldsOf({ to: 'today' })).toEqual({ to: ['Give a date as YYYY-MM-DD.'] })
		// The day after 9999-12-31 is no date PostgreSQL takes.
		expect(fieldsOf({ from: '9999-12-01', to: '9999-12-31' })).toMatchObject({ to: ['Choose a date up to 9998-12-31.'] })
		expect(fieldsOf({ interval: 'year' })).toEqual({ interval: ['The interval is week or month.'] })
		expect(fieldsOf({ from: '2027-03-22' })).toEqual({ from: ['The start must be on or before the end.'], to: ['The end must be on or after the start.'] })
		expect(fieldsOf({ from: '2024-03-31', to: '2027-03-01' })).toEqual({ from: ['A report covers at most 36 months: choose a later start.'] })
		expect(fieldsOf({ from: '2024-04-01', to: '2027-03-31' })).toBeNull()
		expect(fieldsOf({ from: '2026-03-22', interval: 'week' })).toBeNull()
		expect(fieldsOf({ from: '2026-03-15', interval: 'week' })).toEqual({ from: ['A report covers at most 53 weeks: choose a later start, or months.'] })
	})

	test('whatever text arrives, the answer is a query or field messages, never a throw', () => {
		fc.assert(
			fc.property(fc.record({ from: fc.option(fc.string(), { nil: undefined }), to: fc.option(fc.string(), { nil: undefined }), interval: fc.option(fc.string(), { nil: undefined }) }), (input) => {
				const result = parse(input)
				if (result.success) expect(result.data.from <= result.data.to).toBe(true)
			}),
		)
	})
})

describe('periods', () => {
	test('ISO weeks across a new year, the first and last cut to the range', () => {
		const query: ReportQuery = { from: '2026-12-30', to: '2027-01-12', interval: 'week' }
		expect(reportPeriods(query)).toEqual([
			{ period: '2026-12-28', start: '2026-12-30', end: '2027-01-03' },
			{ period: '2027-01-04', start: '2027-01-04', end: '2027-01-10' },
			{ period: '2027-01-11', start: '2027-01-11', end: '2027-01-12' },
		])
		expect(reportPeriods(query).map((p) => periodLabel(p, query))).toEqual(['28 Dec 26', '4 Jan 27', '11 Jan 27'])
	})

	test('calendar months, a leap February whole', () => {
		const query: ReportQuery = { from: '2028-01-15', to: '2028-03-01', interval: 'month' }
		expect(reportPeriods(query)).toEqual([
			{ period: '2028-01', start: '2028-01-15', end: '2028-01-31' },
			{ period: '2028-02', start: '2028-02-01', end: '2028-02-29' },
			{ period: '2028-03', start: '2028-03-01', end: '2028-03-01' },
		])
		expect(periodLabel(reportPeriods(query)[1]!, query)).toBe('Feb 2028')
	})

	test('one day is one period', () => {
		expect(reportPeriods({ from: '2027-03-03', to: '2027-03-03', interval: 'week' })).toEqual([{ period: '2027-03-01', start: '2027-03-03', end: '2027-03-03' }])
	})
})

describe('assembling the report', () => {
	const none: ReportRows = { bookings: [], intros: [], sales: [], refunds: [], payoutsReleased: [], payoutsDue: [], topMentors: [], otherCurrencyBundles: 0 }
	const query: ReportQuery = { from: '2027-03-01', to: '2027-03-14', interval: 'week' }

	test('nothing happened: every period present, every number 0', () => {
		const report = assembleMarketplaceReport(query, none)
		expect(report.series.map((p) => [p.period, p.bookings, p.introToBundleRate, p.revenueCents])).toEqual([
			['2027-03-01', 0, 0, 0],
			['2027-03-08', 0, 0, 0],
		])
		expect(report.totals.introToBundleRate).toBe(0)
		expect(report.bookingsByTypeAndStatus.every((b) => b.count === 0)).toBe(true)
		expect(JSON.stringify(report)).not.toContain('NaN')
	})

	test('rows land in their period; totals are the sums, the rate the rate of the sums', () => {
		const report = assembleMarketplaceReport(query, {
			...none,
			bookings: [
				{ periodStart: '2027-03-01', type: 'intro', status: 'completed', count: 2 },
				{ periodStart: '2027-03-08', type: 'paid', status: 'scheduled', count: 1 },
			],
			intros: [
				{ periodStart: '2027-03-01', intros: 1, converted: 1 },
				{ periodStart: '2027-03-08', intros: 2, converted: 0 },
			],
			sales: [{ periodStart: '2027-03-08', bundles: 1, revenueCents: 9999, feesCents: 1500 }],
			refunds: [{ periodStart: '2027-03-08', refunds: 1, refundsCents: 3333 }],
			payoutsReleased: [{ periodStart: '2027-03-01', count: 2, cents: 5000 }],
			payoutsDue: [{ periodStart: '2027-03-08', heldCount: 1, heldCents: 2000, deadCount: 1, deadCents: 700 }],
		})
		expect(report.series.map((p) => [p.bookings, p.introToBundleRate, p.revenueCents, p.feesCents, p.refundsCents, p.payoutsCents, p.payoutsHeldCents, p.payoutsDeadCents])).toEqual([
			[2, 1, 0, 0, 0, 5000, 0, 0],
			[1, 0, 9999, 1500, 3333, 0, 2000, 700],
		])
		expect(report.totals).toMatchObject({ bookings: 3, introsCompleted: 3, introsConverted: 1, introToBundleRate: 0.3333, revenueCents: 9999, refunds: 1 })
		expect(report.payoutsByStatus).toEqual({ released: { count: 2, cents: 5000 }, held: { count: 1, cents: 2000 }, dead: { count: 1, cents: 700 } })
		expect(report.bookingsByTypeAndStatus.find((b) => b.type === 'paid' && b.status === 'scheduled')?.count).toBe(1)
	})
})
