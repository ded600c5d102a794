/**
 * The admins' marketplace report, pure: its query (range and interval, with defaults and limits),
 * its periods, what each number means, and the money arithmetic. PRODUCT.md: "Admins see the
 * marketplace too: bookings, intro-to-bundle conversion, revenue, refunds, payouts."
 *
 * The definitions (the service counts exactly these, in SQL):
 * - bookings: sessions created in the period, by type (intro, paid) and by their status now;
 * - intro-to-bundle conversion: of the mentee–mentor pairs whose first completed intro started in
 *   the period, the share where the mentee has since paid for a bundle from that mentor;
 * - revenue: the price of the EUR bundles paid (paid_at) in the period;
 * - fees: what the platform keeps of that revenue, as payouts compute it (`platformFeeCents`);
 * - refunds: admin refunds of EUR bundles that succeeded, by the day they were made;
 * - payouts: released = EUR payouts released (released_at) in the period; held and dead = EUR
 *   payouts that became due (their row was made when the session was confirmed) in the period and
 *   are, now, still held (`HELD_PAYOUT_STATUSES`) or dead.
 * Periods are ISO weeks (Monday to Sunday) or calendar months, in UTC; the first and last may be
 * cut by the range, which is whole days `from`–`to` inclusive.
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import { daySchema } from '../utils/validation'
import { SESSION_STATUSES, SESSION_TYPES, type SessionStatus, type SessionType } from '../../db/schema/bookings'
import { type PayoutStatus } from '../../db/schema/payments'
import { mentorShareCents, perSessionCents } from './money'

export const REPORT_INTERVALS = ['week', 'month'] as const
export type ReportInterval = (typeof REPORT_INTERVALS)[number]

/** The report is in euros only; bundles sold in other currencies are counted apart (`otherCurrencyBundles`), never added in. */
export const REPORT_CURRENCY = 'eur'

/** A range covers at most this many periods (the cut first and last included): a year of weeks, three years of months. */
export const MAX_REPORT_PERIODS: Record<ReportInterval, number> = { week: 53, month: 36 }

/** Without a range, the report shows this many periods, the last one holding today. */
export const DEFAULT_REPORT_PERIODS = 12
export const DEFAULT_REPORT_INTERVAL: ReportInterval = 'month'

/** How many mentors the "top mentors" table lists. */
export const TOP_MENTORS_LIMIT = 10

/** Owed to the mentor and not out yet: on its way, retrying, waiting for Stripe onboarding, or for a dispute. */
export const HELD_PAYOUT_STATUSES = ['pending', 'failed', 'on_hold', 'disputable', 'disputed'] as const satisfies readonly PayoutStatus[]
/** Retries used up: an admin must retry it. (`cancelled` payouts are owed to nobody and are not reported.) */
export const DEAD_PAYOUT_STATUSES = ['dead'] as const satisfies readonly PayoutStatus[]

export type ReportQuery = { from: string; to: string; interval: ReportInterval }

const MIN_DAY = '2000-01-01'
/** The last day a range may end on: the day after it must still be a date PostgreSQL takes (year 9999 at most). */
const MAX_DAY = '9998-12-31'

const Day = daySchema({ from: MIN_DAY, to: MAX_DAY })

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

/**
 * The query of the page's GET form and of the API, one schema for both. `today` (UTC) fills what
 * is left out: the range ends today and starts `DEFAULT_REPORT_PERIODS` periods back (the first
 * one whole); the interval is `DEFAULT_REPORT_INTERVAL`. Empty fields count as left out, as a GET
 * form sends them.
 */
export function marketplaceReportQuerySchema(today: string) {
	return z
		.object({
			from: optional(Day),
			to: optional(Day),
			interval: optional(z.enum(REPORT_INTERVALS, { errorMap: () => ({ message: 'The interval is week or month.' }) })),
		})
		// Checked once the fields themselves are sound (a transform only runs on valid input).
		.transform(({ from, to, interval }, ctx): ReportQuery => {
			const every = interval ?? DEFAULT_REPORT_INTERVAL
			const end = to ?? today
			const query = { from: from ?? defaultStart(end, every), to: end, interval: every }
			if (query.from > query.to) {
				ctx.addIssue({ code: 'custom', path: ['from'], message: 'The start must be on or before the end.' })
				ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be on or after the start.' })
				return z.NEVER
			}
			const max = MAX_REPORT_PERIODS[every]
			if (countPeriods(query) > max) {
				const unit = every === 'week' ? 'weeks' : 'months'
				ctx.addIssue({ code: 'custom', path: ['from'], message: `A report covers at most ${max} ${unit}: choose a later start${every === 'week' ? ', or months' : ''}.` })
				return z.NEVER
			}
			return query
		})
}

function day(iso: string): DateTime {
	return DateTime.fromISO(iso, { zone: 'UTC' })
}

/** The first day of the period `date` falls in: its Monday, or the 1st of its month. */
export function periodStart(date: string, interval: ReportInterval): string {
	return day(date).startOf(interval === 'week' ? 'week' : 'month').toISODate()!
}

function defaultStart(to: string, interval: ReportInterval): string {
	return day(periodStart(to, interval))
		.minus(interval === 'week' ? { weeks: DEFAULT_REPORT_PERIODS - 1 } : { months: DEFAULT_REPORT_PERIODS - 1 })
		.toISODate()!
}

function countPeriods({ from, to, interval }: ReportQuery): number {
	const first = day(periodStart(from, interval))
	const last = day(periodStart(to, interval))
	return Math.round(interval === 'week' ? last.diff(first, 'weeks').weeks : last.diff(first, 'months').months) + 1
}

export type ReportPeriod = {
	/** The period's key: its Monday (`2026-11-30`) for weeks, `2026-11` for months. */
	period: string
	/** The days of it inside the range, inclusive (the first and last period may be cut). */
	start: string
	end: string
}

/** Every period the range touches, in order, each one present even when nothing happened in it. */
export function reportPeriods(query: ReportQuery): ReportPeriod[] {
	const unit = query.interval === 'week' ? { weeks: 1 } : { months: 1 }
	const periods: ReportPeriod[] = []
	for (let at = day(periodStart(query.from, query.interval)); at.toISODate()! <= query.to; at = at.plus(unit)) {
		const first = at.toISODate()!
		const last = at.plus(unit).minus({ days: 1 }).toISODate()!
		periods.push({
			period: periodKey(first, query.interval),
			start: first < query.from ? query.from : first,
			end: last > query.to ? query.to : last,
		})
	}
	return periods
}

/** The key of the period starting on `firstDay` (as the database's `date_trunc` gives it). */
export function periodKey(firstDay: string, interval: ReportInterval): string {
	return interval === 'week' ? firstDay : firstDay.slice(0, 7)
}

/** How a period reads on a chart's axis and in its table: "30 Nov" (with the year when the range spans two), "Nov 2026". */
export function periodLabel(period: ReportPeriod, query: ReportQuery): string {
	if (query.interval === 'month') return day(`${period.period}-01`).setLocale('en-GB').toFormat('LLL yyyy')
	const spansYears = query.from.slice(0, 4) !== query.to.slice(0, 4)
	return day(period.period).setLocale('en-GB').toFormat(spansYears ? 'd LLL yy' : 'd LLL')
}

/**
 * What the platform keeps of a bundle's price, exactly as payouts compute it: each session pays
 * the mentor `mentorShareCents(perSessionCents(bundle), fee)` (rounded down to the cent), and the
 * platform keeps the rest, fractions and any cents an odd price does not split into included. So
 * fee = price − sessions × the mentor's share of one session; e.g. 3 × 33.33 € at 15 %: the mentor
 * gets 28.33 € a session (3333 × 85 / 100 = 2833.05, rounded down), the fee is 9999 − 8499 = 15.00 €.
 */
export function platformFeeCents(bundle: { priceCents: number; creditsTotal: number; platformFeePercent: number }): number {
	return bundle.priceCents - bundle.creditsTotal * mentorShareCents(perSessionCents(bundle), bundle.platformFeePercent)
}

/** Converted pairs ÷ intros, as a fraction rounded to four decimals (0.3333); 0 when there were no intros, never NaN. */
export function conversionRate(converted: number, intros: number): number {
	if (intros <= 0) return 0
	return Math.round((converted / intros) * 10_000) / 10_000
}

// ---- what the service's queries return, and how they become the report ----

/** One row of each query, keyed by the period's first day (`YYYY-MM-DD`, in UTC). */
export type ReportRows = {
	bookings: { periodStart: string; type: SessionType; status: SessionStatus; count: number }[]
	intros: { periodStart: string; intros: number; converted: number }[]
	sales: { periodStart: string; bundles: number; revenueCents: number; feesCents: number }[]
	refunds: { periodStart: string; refunds: number; refundsCents: number }[]
	payoutsReleased: { periodStart: string; count: number; cents: number }[]
	payoutsDue: { periodStart: string; heldCount: number; heldCents: number; deadCount: number; deadCents: number }[]
	topMentors: TopMentor[]
	otherCurrencyBundles: number
}

export type TopMentor = { id: string; name: string; slug: string | null; sessionsCompleted: number; revenueCents: number }

export type ReportSeriesRow = ReportPeriod & {
	bookings: number
	bookingsByType: Record<SessionType, number>
	introsCompleted: number
	introsConverted: number
	introToBundleRate: number
	bundlesSold: number
	revenueCents: number
	refundsCents: number
	feesCents: number
	payoutsCents: number
	payoutsHeldCents: number
	payoutsDeadCents: number
}

export type PayoutTally = { count: number; cents: number }

export type MarketplaceReport = ReportQuery & {
	currency: typeof REPORT_CURRENCY
	series: ReportSeriesRow[]
	totals: Omit<ReportSeriesRow, keyof ReportPeriod | 'payoutsHeldCents' | 'payoutsDeadCents'> & { refunds: number }
	bookingsByTypeAndStatus: { type: SessionType; status: SessionStatus; count: number }[]
	payoutsByStatus: { released: PayoutTally; held: PayoutTally; dead: PayoutTally }
	topMentors: TopMentor[]
	otherCurrencyBundles: number
}

function zeroRow(period: ReportPeriod): ReportSeriesRow {
	return {
		...period,
		bookings: 0,
		bookingsByType: { intro: 0, paid: 0 },
		introsCompleted: 0,
		introsConverted: 0,
		introToBundleRate: 0,
		bundlesSold: 0,
		revenueCents: 0,
		refundsCents: 0,
		feesCents: 0,
		payoutsCents: 0,
		payoutsHeldCents: 0,
		payoutsDeadCents: 0,
	}
}

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0)

/** The report from the queries' rows: every period present (zeros where nothing happened), totals summed from the same rows. */
export function assembleMarketplaceReport(query: ReportQuery, rows: ReportRows): MarketplaceReport {
	const periods = reportPeriods(query)
	const byKey = new Map(periods.map((p) => [p.period, zeroRow(p)]))
	const at = (periodStartDay: string) => byKey.get(periodKey(periodStartDay, query.interval))

	for (const r of rows.bookings) {
		const row = at(r.periodStart)
		if (!row) continue
		row.bookings += r.count
		row.bookingsByType[r.type] += r.count
	}
	for (const r of rows.intros) {
		const row = at(r.periodStart)
		if (!row) continue
		row.introsCompleted += r.intros
		row.introsConverted += r.converted
	}
	for (const r of rows.sales) {
		const row = at(r.periodStart)
		if (!row) continue
		row.bundlesSold += r.bundles
		row.revenueCents += r.revenueCents
		row.feesCents += r.feesCents
	}
	for (const r of rows.refunds) {
		const row = at(r.periodStart)
		if (row) row.refundsCents += r.refundsCents
	}
	for (const r of rows.payoutsReleased) {
		const row = at(r.periodStart)
		if (row) row.payoutsCents += r.cents
	}
	for (const r of rows.payoutsDue) {
		const row = at(r.periodStart)
		if (!row) continue
		row.payoutsHeldCents += r.heldCents
		row.payoutsDeadCents += r.deadCents
	}
	const series = [...byKey.values()].map((row) => ({ ...row, introToBundleRate: conversionRate(row.introsConverted, row.introsCompleted) }))

	const introsCompleted = sum(series, (r) => r.introsCompleted)
	const introsConverted = sum(series, (r) => r.introsConverted)
	const counts = new Map<string, number>()
	for (const r of rows.bookings) if (at(r.periodStart)) counts.set(`${r.type}:${r.status}`, (counts.get(`${r.type}:${r.status}`) ?? 0) + r.count)

	return {
		...query,
		currency: REPORT_CURRENCY,
		series,
		totals: {
			bookings: sum(series, (r) => r.bookings),
			bookingsByType: { intro: sum(series, (r) => r.bookingsByType.intro), paid: sum(series, (r) => r.bookingsByType.paid) },
			introsCompleted,
			introsConverted,
			introToBundleRate: conversionRate(introsConverted, introsCompleted),
			bundlesSold: sum(series, (r) => r.bundlesSold),
			revenueCents: sum(series, (r) => r.revenueCents),
			refunds: sum(rows.refunds, (r) => (at(r.periodStart) ? r.refunds : 0)),
			refundsCents: sum(series, (r) => r.refundsCents),
			feesCents: sum(series, (r) => r.feesCents),
			payoutsCents: sum(series, (r) => r.payoutsCents),
		},
		bookingsByTypeAndStatus: SESSION_TYPES.flatMap((type) => SESSION_STATUSES.map((status) => ({ type, status, count: counts.get(`${type}:${status}`) ?? 0 }))),
		payoutsByStatus: {
			released: { count: sum(rows.payoutsReleased, (r) => (at(r.periodStart) ? r.count : 0)), cents: sum(series, (r) => r.payoutsCents) },
			held: { count: sum(rows.payoutsDue, (r) => (at(r.periodStart) ? r.heldCount : 0)), cents: sum(series, (r) => r.payoutsHeldCents) },
			dead: { count: sum(rows.payoutsDue, (r) => (at(r.periodStart) ? r.deadCount : 0)), cents: sum(series, (r) => r.payoutsDeadCents) },
		},
		topMentors: rows.topMentors,
		otherCurrencyBundles: rows.otherCurrencyBundles,
	}
}
