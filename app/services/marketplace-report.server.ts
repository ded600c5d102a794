import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { getDb, type Transaction } from '../../db/client'
import { bundles, mentorProfiles, payouts, refunds, sessions, users } from '../../db/schema'
import {
	assembleMarketplaceReport,
	DEAD_PAYOUT_STATUSES,
	HELD_PAYOUT_STATUSES,
	marketplaceReportQuerySchema,
	REPORT_CURRENCY,
	TOP_MENTORS_LIMIT,
	type MarketplaceReport,
	type ReportQuery,
	type ReportRows,
} from '../rules/marketplace-report'
import { DomainError } from '../utils/errors'
import { fieldErrors } from '../utils/validation'

/**
 * The admins' marketplace report (app/rules/marketplace-report.ts says what each number means),
 * counted in SQL: a handful of grouped queries in one read-only snapshot, so the charts and the
 * totals always agree with each other.
 */

/** Reads the page's or the API's query string; 422 `validation_failed` with a message per field. */
export function readMarketplaceReportQuery(params: URLSearchParams, now: Date): ReportQuery {
	const today = DateTime.fromJSDate(now, { zone: 'UTC' }).toISODate()!
	const raw = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, interval: params.get('interval') ?? undefined }
	const parsed = marketplaceReportQuerySchema(today).safeParse(raw)
	if (!parsed.success) throw new DomainError('validation_failed', 'Some query parameters are invalid.', fieldErrors(parsed.error))
	return parsed.data
}

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `)

export async function getMarketplaceReport(query: ReportQuery): Promise<MarketplaceReport> {
	// Whole UTC days: from the start of `from` up to (not including) the day after `to`.
	const start = new Date(`${query.from}T00:00:00Z`)
	const end = DateTime.fromISO(query.to, { zone: 'UTC' }).plus({ days: 1 }).toJSDate()
	const rows = await getDb().transaction((tx) => countAll(tx, query, start, end), { isolationLevel: 'repeatable read', accessMode: 'read only' })
	return assembleMarketplaceReport(query, rows)
}

async function countAll(tx: Transaction, query: ReportQuery, start: Date, end: Date): Promise<ReportRows> {
	/** The first day (UTC) of the week or month an instant falls in, as `YYYY-MM-DD`. */
	const bucket = (instant: SQL | AnyColumn) => sql<string>`to_char(date_trunc(${query.interval}, ${instant} at time zone 'UTC'), 'YYYY-MM-DD')`
	// Instants go in as ISO text: the driver only serialises Dates for columns it knows.
	const within = (instant: SQL | AnyColumn) => sql`${instant} >= ${start.toISOString()}::timestamptz and ${instant} < ${end.toISOString()}::timestamptz`
	const eur = sql`${REPORT_CURRENCY}`

	const bookings = await tx.execute<{ periodStart: string; type: 'intro' | 'paid'; status: ReportRows['bookings'][number]['status']; count: number }>(sql`
		select ${bucket(sessions.createdAt)} as "periodStart", ${sessions.type} as type, ${sessions.status} as status, count(*)::int as count
		from ${sessions}
		where ${within(sessions.createdAt)}
		group by 1, 2, 3`)

	// A pair's first completed intro, and whether the mentee paid for a bundle from that mentor at or after it.
	const intros = await tx.execute<ReportRows['intros'][number]>(sql`
		with first_intro as (
			select mentee_id, mentor_id, min(starts_at) as at
			from ${sessions}
			where ${sessions.type} = 'intro' and ${sessions.status} = 'completed'
			group by mentee_id, mentor_id
		)
		select ${bucket(sql`f.at`)} as "periodStart", count(*)::int as intros,
			count(*) filter (where exists (
				select 1 from ${bundles} b where b.mentee_id = f.mentee_id and b.mentor_id = f.mentor_id and b.paid_at is not null and b.paid_at >= f.at
			))::int as converted
		from first_intro f
		where ${within(sql`f.at`)}
		group by 1`)

	// The fee as payouts compute it (platformFeeCents): price − sessions × floor(floor(price ÷ sessions) × (100 − fee %) ÷ 100),
	// in bigint so no product overflows; every term is non-negative, so integer division rounds down as Math.floor does.
	const sales = await tx.execute<{ periodStart: string; bundles: number; revenueCents: string; feesCents: string }>(sql`
		select ${bucket(bundles.paidAt)} as "periodStart", count(*)::int as bundles,
			sum(${bundles.priceCents})::bigint as "revenueCents",
			sum(${bundles.priceCents}::bigint - ${bundles.creditsTotal}::bigint * ((${bundles.priceCents}::bigint / ${bundles.creditsTotal}) * (100 - ${bundles.platformFeePercent}) / 100))::bigint as "feesCents"
		from ${bundles}
		where ${bundles.paidAt} is not null and ${within(bundles.paidAt)} and ${bundles.currency} = ${eur}
		group by 1`)

	const refundRows = await tx.execute<{ periodStart: string; refunds: number; refundsCents: string }>(sql`
		select ${bucket(refunds.createdAt)} as "periodStart", count(*)::int as refunds, sum(${refunds.amountCents})::bigint as "refundsCents"
		from ${refunds} join ${bundles} on ${bundles.id} = ${refunds.bundleId}
		where ${refunds.status} = 'succeeded' and ${within(refunds.createdAt)} and ${bundles.currency} = ${eur}
		group by 1`)

	const released = await tx.execute<{ periodStart: string; count: number; cents: string }>(sql`
		select ${bucket(payouts.releasedAt)} as "periodStart", count(*)::int as count, sum(${payouts.amountCents})::bigint as cents
		from ${payouts}
		where ${payouts.status} = 'released' and ${within(payouts.releasedAt)} and ${payouts.currency} = ${eur}
		group by 1`)

	const due = await tx.execute<{ periodStart: string; heldCount: number; heldCents: string; deadCount: number; deadCents: string }>(sql`
		select ${bucket(payouts.createdAt)} as "periodStart",
			count(*) filter (where ${payouts.status} in (${inList(HELD_PAYOUT_STATUSES)}))::int as "heldCount",
			coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} in (${inList(HELD_PAYOUT_STATUSES)})), 0)::bigint as "heldCents",
			count(*) filter (where ${payouts.status} in (${inList(DEAD_PAYOUT_STATUSES)}))::int as "deadCount",
			coalesce(sum(${payouts.amountCents}) filter (where ${payouts.status} in (${inList(DEAD_PAYOUT_STATUSES)})), 0)::bigint as "deadCents"
		from ${payouts}
		where ${within(payouts.createdAt)} and ${payouts.currency} = ${eur}
		group by 1`)

	// Mentors who held a session (completed, by its start) or sold a EUR bundle in the range: most revenue first, then most sessions.
	const topMentors = await tx.execute<{ id: string; name: string; slug: string | null; sessionsCompleted: number; revenueCents: string }>(sql`
		with held as (
			select mentor_id, count(*)::int as n from ${sessions}
			where ${sessions.status} = 'completed' and ${within(sessions.startsAt)}
			group by mentor_id
		), sold as (
			select mentor_id, sum(price_cents)::bigint as cents from ${bundles}
			where ${bundles.paidAt} is not null and ${within(bundles.paidAt)} and ${bundles.currency} = ${eur}
			group by mentor_id
		)
		select ${users.id} as id, ${users.name} as name, ${mentorProfiles.slug} as slug,
			coalesce(held.n, 0)::int as "sessionsCompleted", coalesce(sold.cents, 0)::bigint as "revenueCents"
		from held full join sold on sold.mentor_id = held.mentor_id
		join ${users} on ${users.id} = coalesce(held.mentor_id, sold.mentor_id)
		left join ${mentorProfiles} on ${mentorProfiles.userId} = ${users.id}
		order by "revenueCents" desc, "sessionsCompleted" desc, ${users.name}, ${users.id}
		limit ${TOP_MENTORS_LIMIT}`)

	const [other] = await tx.execute<{ n: number }>(sql`
		select count(*)::int as n from ${bundles}
		where ${bundles.paidAt} is not null and ${within(bundles.paidAt)} and ${bundles.currency} <> ${eur}`)

	// bigint sums arrive as strings; they stay exact as numbers up to 2^53 cents.
	return {
		bookings: [...bookings],
		intros: [...intros],
		sales: sales.map((r) => ({ periodStart: r.periodStart, bundles: r.bundles, revenueCents: Number(r.revenueCents), feesCents: Number(r.feesCents) })),
		refunds: refundRows.map((r) => ({ periodStart: r.periodStart, refunds: r.refunds, refundsCents: Number(r.refundsCents) })),
		payoutsReleased: released.map((r) => ({ periodStart: r.periodStart, count: r.count, cents: Number(r.cents) })),
		payoutsDue: due.map((r) => ({ periodStart: r.periodStart, heldCount: r.heldCount, heldCents: Number(r.heldCents), deadCount: r.deadCount, deadCents: Number(r.deadCents) })),
		topMentors: topMentors.map((r) => ({ id: r.id, name: r.name, slug: r.slug, sessionsCompleted: r.sessionsCompleted, revenueCents: Number(r.revenueCents) })),
		otherCurrencyBundles: other?.n ?? 0,
	}
}
