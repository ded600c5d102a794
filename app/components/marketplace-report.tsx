import { Link } from '@remix-run/react'
import { DateTime } from 'luxon'
import { formatMoney } from '~/rules/money'
import { periodLabel, REPORT_CURRENCY, type MarketplaceReport } from '~/rules/marketplace-report'
import { plural } from '~/rules/wording'
import { SESSION_STATUSES, type SessionStatus } from '../../db/schema/bookings'
import { ReportChart } from './report-chart'

const STATUS_WORDS: Record<SessionStatus, string> = {
	pending: 'Invitation',
	scheduled: 'Scheduled',
	rejected: 'Declined',
	expired: 'Expired',
	cancelled: 'Cancelled',
	awaiting_confirmation: 'To confirm',
	completed: 'Completed',
	no_show_mentee: 'Mentee no-show',
	no_show_mentor: 'Mentor no-show',
}

const euros = (cents: number) => formatMoney(cents, REPORT_CURRENCY)
const count = new Intl.NumberFormat('en-GB')
const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })
const percent = (rate: number) => percentFormat.format(rate)
const longDay = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLLL yyyy')

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
	return (
		<div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
			<dt className="text-sm text-slate-600">{label}</dt>
			<dd className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
			{detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
		</div>
	)
}

/** The marketplace report for a range: totals, a chart with its table per subject, and the top mentors. */
export function MarketplaceReportView({ report }: { report: MarketplaceReport }) {
	const categories = report.series.map((p) => periodLabel(p, report))
	const unit = report.interval === 'week' ? 'week (Monday to Sunday, UTC)' : 'calendar month (UTC)'
	const { totals, payoutsByStatus } = report
	const statuses = SESSION_STATUSES.filter((status) => report.bookingsByTypeAndStatus.some((b) => b.status === status && b.count > 0))
	const byStatus = (type: 'intro' | 'paid') => statuses.map((status) => report.bookingsByTypeAndStatus.find((b) => b.type === type && b.status === status)?.count ?? 0)

	return (
		<div className="space-y-6">
			<section aria-labelledby="totals-heading" className="space-y-3">
				<h2 id="totals-heading" className="text-lg font-semibold">
					{longDay(report.from)} to {longDay(report.to)}
				</h2>
				<dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
					<Stat label="Bookings" value={count.format(totals.bookings)} detail={`${plural(totals.bookingsByType.intro, 'intro', 'intros')}, ${totals.bookingsByType.paid} paid`} />
					<Stat label="Intro to bundle" value={percent(totals.introToBundleRate)} detail={`${totals.introsConverted} of ${totals.introsCompleted} first intros`} />
					<Stat label="Revenue" value={euros(totals.revenueCents)} detail={`${plural(totals.bundlesSold, 'bundle', 'bundles')} sold`} />
					<Stat label="Platform fees" value={euros(totals.feesCents)} />
					<Stat label="Refunds" value={euros(totals.refundsCents)} detail={plural(totals.refunds, 'refund', 'refunds')} />
					<Stat label="Payouts released" value={euros(payoutsByStatus.released.cents)} detail={plural(payoutsByStatus.released.count, 'payout', 'payouts')} />
					<Stat label="Payouts held" value={euros(payoutsByStatus.held.cents)} detail={`${plural(payoutsByStatus.held.count, 'payout', 'payouts')} due in the range, not out yet`} />
					<Stat label="Payouts dead" value={euros(payoutsByStatus.dead.cents)} detail={`${plural(payoutsByStatus.dead.count, 'payout', 'payouts')} to retry`} />
				</dl>
				{report.otherCurrencyBundles > 0 ? (
					<p className="text-sm text-slate-700">
						{plural(report.otherCurrencyBundles, 'bundle', 'bundles')} sold in other currencies in this range {report.otherCurrencyBundles === 1 ? 'is' : 'are'} not in these euro figures.
					</p>
				) : null}
			</section>

			<section aria-labelledby="charts-heading" className="grid gap-4">
				<h2 id="charts-heading" className="text-lg font-semibold">
					{report.interval === 'week' ? 'Week by week' : 'Month by month'}
				</h2>
				<ReportChart
					id="bookings"
					kind="bar"
					stacked
					title="Bookings"
					caption={`Sessions booked each ${unit}, intros and paid sessions, whatever became of them since.`}
					categories={categories}
					series={[
						{ label: 'Intros', values: report.series.map((p) => p.bookingsByType.intro) },
						{ label: 'Paid sessions', values: report.series.map((p) => p.bookingsByType.paid) },
					]}
				/>
				<ReportChart
					id="bookings-by-status"
					kind="bar"
					title="Bookings by status"
					caption="What became of the sessions booked in the range, as they stand now."
					categories={statuses.map((s) => STATUS_WORDS[s])}
					series={[
						{ label: 'Intros', values: byStatus('intro') },
						{ label: 'Paid sessions', values: byStatus('paid') },
					]}
				/>
				<ReportChart
					id="conversion"
					kind="line"
					title="Intro to bundle"
					caption={`Of the mentees whose first completed intro with a mentor was in that ${report.interval}, the share who have since bought a bundle from that mentor.`}
					categories={categories}
					series={[{ label: 'Bought a bundle', values: report.series.map((p) => p.introToBundleRate) }]}
					format={percent}
				/>
				<ReportChart
					id="money"
					kind="bar"
					title="Revenue, refunds and fees"
					caption={`Euro bundles paid for each ${report.interval}, refunds made, and the platform's fee on that revenue.`}
					categories={categories}
					series={[
						{ label: 'Revenue', values: report.series.map((p) => p.revenueCents) },
						{ label: 'Refunds', values: report.series.map((p) => p.refundsCents) },
						{ label: 'Platform fees', values: report.series.map((p) => p.feesCents) },
					]}
					format={euros}
				/>
				<ReportChart
					id="payouts"
					kind="bar"
					stacked
					title="Payouts"
					caption={`Released: paid out to mentors that ${report.interval}. Held and dead: payouts due that ${report.interval} still waiting, or out of retries.`}
					categories={categories}
					series={[
						{ label: 'Released', values: report.series.map((p) => p.payoutsCents) },
						{ label: 'Held', values: report.series.map((p) => p.payoutsHeldCents) },
						{ label: 'Dead', values: report.series.map((p) => p.payoutsDeadCents) },
					]}
					format={euros}
				/>
			</section>

			<TopMentors report={report} />
		</div>
	)
}

function TopMentors({ report }: { report: MarketplaceReport }) {
	return (
		<section aria-labelledby="top-mentors-heading" className="space-y-3">
			<h2 id="top-mentors-heading" className="text-lg font-semibold">
				Top mentors
			</h2>
			{report.topMentors.length === 0 ? (
				<p className="text-slate-700">No mentor held a session or sold a bundle in this range.</p>
			) : (
				<div className="overflow-x-auto">
					<table className="w-full text-left text-sm">
						<caption className="pb-2 text-left text-slate-600">By revenue from euro bundles paid in the range, then by sessions completed.</caption>
						<thead>
							<tr className="border-b border-slate-200">
								<th scope="col" className="py-2 pr-3">
									Mentor
								</th>
								<th scope="col" className="py-2 pr-3 text-right">
									Sessions completed
								</th>
								<th scope="col" className="py-2 text-right">
									Revenue
								</th>
							</tr>
						</thead>
						<tbody>
							{report.topMentors.map((m) => (
								<tr key={m.id} className="border-b border-slate-100">
									<th scope="row" className="py-2 pr-3 font-normal">
										{m.slug ? (
											<Link to={`/mentors/${m.slug}`} className="text-brand-700 underline">
												{m.name}
											</Link>
										) : (
											m.name
										)}
									</th>
									<td className="py-2 pr-3 text-right tabular-nums">{count.format(m.sessionsCompleted)}</td>
									<td className="py-2 text-right tabular-nums">{euros(m.revenueCents)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}
