import { ReportChart } from '~/components/report-chart'
import { FEEDBACK_RATINGS, RATING_LABELS } from '~/rules/feedback'
import { change, METRIC_LABELS, periodLabel } from '~/rules/programme-report'
import { type ProgrammeReport } from '~/services/programme-report.server'
import { REGISTRATION_STATUSES, type RegistrationStatus, type ReportMetric } from '../../db/schema/programmes'

/**
 * The programme report's sections, one per metric the programme chose: its key numbers against the
 * period before, then its chart with the table of the same numbers. Server-rendered, so the page
 * shows everything before any script runs.
 */

const LOCALE = 'en-GB'
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 })
const formatCount = (n: number) => count.format(n)
const formatPercent = (n: number) => percent.format(n)

/** The journey's steps in words short enough to sit under a bar on a phone. */
const SHORT_STATUS_WORDS: Record<RegistrationStatus, string> = {
	application: 'Application',
	searching: 'Searching',
	awaiting_manager_validation: 'Manager check',
	in_progress: 'In progress',
	awaiting_confirmation: 'Confirming',
	completed: 'Completed',
	declined: 'Declined',
	withdrawn: 'Withdrawn',
}

type Stat = { label: string; value: number | null; format?: (n: number) => string; previous?: number | null }

/** "▲ 2 on the previous period", "▼ 5 %", "= previous period"; nothing when there is no previous period. */
function Movement({ value, previous, format }: { value: number; previous: number; format: (n: number) => string }) {
	const { delta } = change(value, previous)
	if (delta === 0) return <span className="text-slate-600">same as the previous period</span>
	const up = delta > 0
	return (
		<span className={up ? 'text-emerald-800' : 'text-amber-800'}>
			<span aria-hidden="true">{up ? '▲' : '▼'} </span>
			{up ? 'up' : 'down'} {format(Math.abs(delta))} on the previous period ({format(previous)})
		</span>
	)
}

function Stats({ stats }: { stats: Stat[] }) {
	return (
		<dl className="grid gap-3 sm:grid-cols-3">
			{stats.map(({ label, value, format = formatCount, previous }) => (
				<div key={label} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
					<dt className="text-sm text-slate-700">{label}</dt>
					<dd className="text-2xl font-semibold text-slate-900">{value === null ? '—' : format(value)}</dd>
					{value !== null && previous !== undefined && previous !== null ? (
						<dd className="text-xs">
							<Movement value={value} previous={previous} format={format} />
						</dd>
					) : null}
				</div>
			))}
		</dl>
	)
}

export function ReportSections({ metrics, report, previous }: { metrics: ReportMetric[]; report: ProgrammeReport; previous: ProgrammeReport | null }) {
	const m = report.metrics
	const p = previous?.metrics
	const s = report.series
	const periods = s.periods.map((start) => periodLabel(start, s.unit))
	const per = s.unit === 'week' ? 'week' : 'month'
	const sumOf = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0)

	const sections: Record<ReportMetric, JSX.Element> = {
		registrations: (
			<>
				<Stats stats={[{ label: 'Registrations made', value: sumOf(m.registrationsByStatus), previous: p && sumOf(p.registrationsByStatus) }]} />
				<ReportChart
					kind="bar"
					title="Registrations by status"
					caption="The registrations made in the period, by the step of the journey they are at now."
					categories={REGISTRATION_STATUSES.map((status) => SHORT_STATUS_WORDS[status])}
					series={[{ label: 'Registrations', values: REGISTRATION_STATUSES.map((status) => m.registrationsByStatus[status]) }]}
				/>
			</>
		),
		matching: (
			<>
				<Stats
					stats={[
						{ label: 'Match rate', value: m.matchRate, format: formatPercent, previous: p?.matchRate },
						{ label: 'Median days to match', value: m.medianDaysToMatch, previous: p?.medianDaysToMatch },
					]}
				/>
				<ReportChart
					kind="bar"
					title="Validated and matched"
					caption={`Participants validated each ${per}, and how many of them have since been matched.`}
					categories={periods}
					series={[
						{ label: 'Validated', values: s.validated },
						{ label: 'Matched since', values: s.matched },
					]}
				/>
			</>
		),
		relationships: (
			<>
				<Stats
					stats={[
						{ label: 'Confirmed', value: m.relationships.confirmed, previous: p?.relationships.confirmed },
						{ label: 'Lapsed at the end', value: m.relationships.lapsed, previous: p?.relationships.lapsed },
						{ label: 'Ended', value: m.relationships.ended, previous: p?.relationships.ended },
					]}
				/>
				<ReportChart
					kind="bar"
					title="Relationships confirmed and ended"
					caption={`Relationships both sides confirmed, and relationships ended, each ${per}.`}
					categories={periods}
					series={[
						{ label: 'Confirmed', values: s.confirmed },
						{ label: 'Ended', values: s.ended },
					]}
				/>
			</>
		),
		sessions: (
			<>
				<Stats
					stats={[
						{ label: 'Sessions per relationship per month', value: m.sessionsPerRelationshipPerMonth, previous: p?.sessionsPerRelationshipPerMonth },
						{ label: 'Completed sessions', value: m.contactActivity.sessions, previous: p?.contactActivity.sessions },
					]}
				/>
				<ReportChart kind="line" title="Completed sessions" caption={`Sessions that took place and were confirmed, each ${per}.`} categories={periods} series={[{ label: 'Completed', values: s.completedSessions }]} />
			</>
		),
		no_shows: (
			<>
				<Stats stats={[{ label: 'No-show rate', value: m.noShowRate, format: formatPercent, previous: p?.noShowRate }]} />
				<ReportChart
					kind="bar"
					stacked
					title="Sessions held and missed"
					caption={`Completed sessions and no-shows (either side), each ${per}.`}
					categories={periods}
					series={[
						{ label: 'Completed', values: s.completedSessions },
						{ label: 'No-show', values: s.noShows },
					]}
				/>
			</>
		),
		goals: (
			<>
				<Stats stats={[{ label: 'Goals reached', value: m.goalsReached, previous: p?.goalsReached }]} />
				<ReportChart kind="bar" title="Goals reached" caption={`Goals marked achieved, each ${per}.`} categories={periods} series={[{ label: 'Goals reached', values: s.goalsReached }]} />
			</>
		),
		assignments: (
			<>
				<Stats stats={[{ label: 'Learning assignments done', value: m.assignmentsDone, previous: p?.assignmentsDone }]} />
				<ReportChart kind="bar" title="Learning assignments done" caption={`Learning assignments the mentee marked done, each ${per}.`} categories={periods} series={[{ label: 'Done', values: s.assignmentsDone }]} />
			</>
		),
		contact: (
			<>
				<Stats
					stats={[
						{ label: 'Sessions', value: m.contactActivity.sessions, previous: p?.contactActivity.sessions },
						{ label: 'Messages', value: m.contactActivity.messages, previous: p?.contactActivity.messages },
						{ label: 'Tracked emails', value: m.contactActivity.emails, previous: p?.contactActivity.emails },
					]}
				/>
				<ReportChart
					kind="bar"
					stacked
					title="Contact activity"
					caption={`Completed sessions, messages and tracked emails between the pairs, each ${per}.`}
					categories={periods}
					series={[
						{ label: 'Sessions', values: s.completedSessions },
						{ label: 'Messages', values: s.messages },
						{ label: 'Tracked emails', values: s.emails },
					]}
				/>
			</>
		),
		feedback: (
			<>
				<Stats
					stats={[
						{ label: 'Average rating (1–5)', value: m.feedback.average, previous: p?.feedback.average },
						{ label: 'Ratings', value: m.feedback.count, previous: p?.feedback.count },
					]}
				/>
				<ReportChart
					kind="bar"
					title="Session feedback"
					caption="How the sessions of the period were rated by the people in them (never shown with the rater's name)."
					categories={FEEDBACK_RATINGS.map((r) => `${r} · ${RATING_LABELS[r]}`)}
					series={[{ label: 'Ratings', values: FEEDBACK_RATINGS.map((r) => m.feedback.distribution[r]) }]}
				/>
			</>
		),
		participation: (
			<>
				<Stats stats={[{ label: 'Participation days', value: m.participationDays, previous: p?.participationDays }]} />
				<ReportChart
					kind="bar"
					title="Participation days"
					caption={`Days within participants' engagement periods, each ${per}; a period still open counts up to today.`}
					categories={periods}
					series={[{ label: 'Days', values: s.participationDays }]}
				/>
			</>
		),
	}

	return (
		<div className="space-y-8">
			{metrics.map((metric) => (
				<section key={metric} aria-labelledby={`metric-${metric}`} className="space-y-3">
					<h2 id={`metric-${metric}`} className="text-lg font-semibold">
						{METRIC_LABELS[metric]}
					</h2>
					{sections[metric]}
				</section>
			))}
		</div>
	)
}
