import { sql, type SQL } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { getDb } from '../../db/client'
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../../db/schema/programmes'
import { FEEDBACK_RATINGS, summariseRatingCounts, type FeedbackSummary } from '../rules/feedback'
import {
	perRelationshipMonth,
	periodsOf,
	periodUnit,
	previousRange,
	rate,
	readReportQuery,
	round,
	type DayRange,
	type PeriodUnit,
	type ReportFilters,
	type ReportQuery,
} from '../rules/programme-report'
import { DomainError } from '../utils/errors'
import { getProgrammeToAdminister, type ProgrammeView, type Viewer } from './programmes.server'
import { all, pairConditions, pairPeople, registrationConditions, registrationPerson, sessionOfRelationship } from './programme-export-queries.server'

/**
 * The programme report's numbers (PRODUCT.md "Reports and exports"), each counted in SQL over the
 * programme's rows in a range of days in its zone, with the exports' filters (department, location
 * and role of the registrant, or of the side `role` names in a pair).
 *
 * What each number counts:
 * - registrations by status: registrations made in the range, by the status they have now;
 * - match rate and median days to match: of the mentees (or the `role` filtered) validated in the
 *   range, the share since confirmed in a relationship of the programme, and the median days from
 *   validation to that confirmation;
 * - relationships: confirmed and ended in the range; lapsed at the range's end (or now), that is
 *   confirmed for longer than the programme's lapse days with no contact in the last of them;
 * - sessions per relationship per month: completed sessions that started in the range over the
 *   months its confirmed relationships lasted within it; the no-show rate is no-shows over
 *   completed sessions and no-shows;
 * - goals reached, learning assignments done, messages and tracked emails: those in the range;
 * - feedback: ratings of the sessions that started in the range;
 * - participation days: days of engagement periods within the range (an open period up to today).
 * Contact is a completed session, a message or a tracked email.
 */

export type ReportProgramme = { id: string; name: string; slug: string; timeZone: string; lapseDays: number }

export type ProgrammeReportMetrics = {
	registrationsByStatus: Record<RegistrationStatus, number>
	matchRate: number
	medianDaysToMatch: number | null
	relationships: { confirmed: number; lapsed: number; ended: number }
	sessionsPerRelationshipPerMonth: number
	noShowRate: number
	goalsReached: number
	assignmentsDone: number
	feedback: FeedbackSummary
	participationDays: number
	contactActivity: { sessions: number; messages: number; emails: number }
}

/** Each chart's numbers, one per period (`periods` are the first days of the weeks or months). */
export type ProgrammeReportSeries = {
	unit: PeriodUnit
	periods: string[]
	validated: number[]
	matched: number[]
	confirmed: number[]
	ended: number[]
	completedSessions: number[]
	noShows: number[]
	goalsReached: number[]
	assignmentsDone: number[]
	messages: number[]
	emails: number[]
	participationDays: number[]
}

export type ProgrammeReport = { from: string; to: string; metrics: ProgrammeReportMetrics; series: ProgrammeReportSeries }

/** A count in the period numbered `period` (1 for the first), as `width_bucket` numbers them. */
type Counted = { period: number; n: number }

/** Rows counted per period (and kind), laid on the periods in order, zeros where nothing happened. */
function perPeriod(periods: string[], rows: readonly Counted[]): number[] {
	const counts = periods.map(() => 0)
	for (const row of rows) if (row.period >= 1 && row.period <= counts.length) counts[row.period - 1]! += Number(row.n)
	return counts
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export async function buildProgrammeReport(input: {
	programme: ReportProgramme
	from: string
	to: string
	filters?: ReportFilters
	now?: Date
}): Promise<ProgrammeReport> {
	const { programme: p, from, to } = input
	const f = input.filters ?? {}
	const now = input.now ?? new Date()
	const range: DayRange = { from, to }
	const zone = p.timeZone
	const start = DateTime.fromISO(from, { zone }).startOf('day')
	const end = DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day')
	const asOf = end.toMillis() < now.getTime() ? end : DateTime.fromJSDate(now, { zone })
	const today = DateTime.fromJSDate(now, { zone }).toISODate()!
	const fromTs = sql`${start.toISO()}::timestamptz`
	const toTs = sql`${end.toISO()}::timestamptz`
	const asOfTs = sql`${asOf.toISO()}::timestamptz`
	const inRange = (column: string) => sql`${sql.raw(column)} >= ${fromTs} and ${sql.raw(column)} < ${toTs}`
	const unit = periodUnit(range)
	const periods = periodsOf(range)
	// A row's period is found by binary search among the instants the periods start at (in the
	// programme's zone): 1 for the first period, 0 before it. No zone arithmetic per row.
	const bounds = sql`array[${sql.join(
		periods.map((day) => sql`${DateTime.fromISO(day, { zone }).toISO()}::timestamptz`),
		sql`, `,
	)}]`
	const period = (column: string) => sql`width_bucket(${sql.raw(column)}, ${bounds})`

	/**
	 * The programme's relationships the filters keep, with when both sides had confirmed: a few
	 * thousand rows, worked out once (materialized) before sessions and the rest are joined to them.
	 */
	const rel = sql`rel as materialized (
		select x.id, x.mentor_id, x.mentee_id, x.status, x.created_at, x.closed_at,
			case when x.mentor_confirmed_at is not null and x.mentee_confirmed_at is not null then greatest(x.mentor_confirmed_at, x.mentee_confirmed_at) end as confirmed_at
		from relationships x
		${f.department || f.location ? pairPeople : sql``}
		where x.programme_id = ${p.id} and ${pairConditions(f)}
	)`
	const registrationsKept = (extra: SQL[]) => all([...registrationConditions(p, f), ...extra])
	// The registrant's dossier is joined only when a filter reads it.
	const person = f.department || f.location ? registrationPerson : sql``
	const lapse = sql`(${asOfTs} - make_interval(days => ${p.lapseDays}))`
	const matchRole = f.role ?? 'mentee'

	const db = getDb()
	const run = <T>(query: SQL) => db.execute(query) as unknown as Promise<T[]>
	/**
	 * The planner cannot know that a session's mentor and mentee go together (it multiplies their
	 * selectivities), so it expects a handful of a programme's sessions where there are hundreds of
	 * thousands, and would join their ratings row by row. Hash joins are right at any size here, and
	 * their tables are kept in memory.
	 */
	const runHashed = <T>(query: SQL) =>
		db.transaction(async (tx) => {
			await tx.execute(sql`set local enable_nestloop = off`)
			await tx.execute(sql`set local work_mem = '32MB'`)
			return (await tx.execute(query)) as unknown as T[]
		})
	const bucketEnds = periods.map((start, i) => {
		const next = periods[i + 1]
		const last = next ? DateTime.fromISO(next, { zone: 'UTC' }).minus({ days: 1 }).toISODate()! : to
		return [start < from ? from : start, [last, to, today].sort()[0]!] as const
	})

	const [byStatus, matching, relationshipEvents, [health], sessionRows, workspaceEvents, participation] = await Promise.all([
		run<{ status: RegistrationStatus; n: number }>(sql`
			select r.status::text as status, count(*)::int as n
			from registrations r ${person}
			where ${registrationsKept([inRange('r.created_at')])}
			group by r.status`),
		run<{ period: number | null; validated: number; matched: number; median_days: number | null }>(sql`
			with confirmations as (
				select x.mentee_id as user_id, 'mentee' as role, greatest(x.mentor_confirmed_at, x.mentee_confirmed_at) as at
				from relationships x where x.programme_id = ${p.id} and x.mentor_confirmed_at is not null and x.mentee_confirmed_at is not null
				union all
				select x.mentor_id, 'mentor', greatest(x.mentor_confirmed_at, x.mentee_confirmed_at)
				from relationships x where x.programme_id = ${p.id} and x.mentor_confirmed_at is not null and x.mentee_confirmed_at is not null
			), cohort as (
				select r.id, ${period('r.validated_at')} as period, r.validated_at, min(c.at) as matched_at
				from registrations r ${person}
				left join confirmations c on c.user_id = r.user_id and c.role = r.role::text and c.at >= r.validated_at
				where ${all([...registrationConditions(p, { ...f, role: matchRole }), inRange('r.validated_at')])}
				group by r.id, r.validated_at
			)
			select period, count(*)::int as validated, count(matched_at)::int as matched,
				percentile_cont(0.5) within group (order by extract(epoch from matched_at - validated_at) / 86400) as median_days
			from cohort group by grouping sets ((period), ())`),
		run<Counted & { kind: 'confirmed' | 'ended' }>(sql`
			with ${rel}
			select period, kind, count(*)::int as n from (
				select ${period('confirmed_at')} as period, 'confirmed' as kind from rel where ${inRange('confirmed_at')}
				union all
				select ${period('closed_at')}, 'ended' from rel where status = 'ended' and ${inRange('closed_at')}
			) events group by events.period, kind`),
		run<{ lapsed: number; relationship_days: number | null }>(sql`
			with ${rel}, contacted as materialized (
				-- Pairs with contact in the last lapse days before the end, found from the window's rows (by time).
				select rel.id from sessions s join rel on rel.mentor_id = s.mentor_id and rel.mentee_id = s.mentee_id
				-- A session lasts at most a day: its start bounds the index range.
				where s.status = 'completed' and s.starts_at >= ${lapse} - interval '1 day' and s.starts_at < ${asOfTs} and s.ends_at >= ${lapse}
				union
				select m.relationship_id from messages m where m.deleted_at is null and m.created_at >= ${lapse} and m.created_at < ${asOfTs}
				union
				select e.relationship_id from tracked_emails e where e.created_at >= ${lapse} and e.created_at < ${asOfTs}
			)
			select
				count(*) filter (
					where confirmed_at < ${lapse} and (closed_at is null or closed_at > ${asOfTs}) and contacted.id is null
				)::int as lapsed,
				sum(greatest(0, extract(epoch from least(coalesce(closed_at, ${asOfTs}), ${asOfTs}) - greatest(confirmed_at, ${fromTs})) / 86400))::float8 as relationship_days
			from rel left join contacted on contacted.id = rel.id
			where confirmed_at is not null`),
		runHashed<Counted & { no_shows: number; r1: number; r2: number; r3: number; r4: number; r5: number }>(sql`
			with ${rel}, rated as (
				-- Each rated session's ratings by value (two at most), joined to the sessions by hash.
				select session_id, ${sql.join(
					FEEDBACK_RATINGS.map((r) => sql`count(*) filter (where rating = ${r})::int as ${sql.raw(`r${r}`)}`),
					sql`, `,
				)}
				from session_feedback group by session_id
			)
			select ${period('s.starts_at')} as period,
				count(*) filter (where s.status = 'completed')::int as n,
				count(*) filter (where s.status <> 'completed')::int as no_shows,
				${sql.join(
					FEEDBACK_RATINGS.map((r) => sql`coalesce(sum(rated.${sql.raw(`r${r}`)}), 0)::int as ${sql.raw(`r${r}`)}`),
					sql`, `,
				)}
			-- The range's sessions (sessions_starts_idx, read from the index alone), then their relationships and ratings by hash.
			from sessions s
			join rel on ${sessionOfRelationship('s', 'rel')}
			left join rated on rated.session_id = s.id
			where ${inRange('s.starts_at')} and s.status in ('completed', 'no_show_mentee', 'no_show_mentor')
			group by 1`),
		run<Counted & { kind: 'goal' | 'assignment' | 'message' | 'email' }>(sql`
			with ${rel}
			select period, kind, count(*)::int as n from (
				select ${period('g.achieved_at')} as period, 'goal' as kind from rel join goals g on g.relationship_id = rel.id where ${inRange('g.achieved_at')}
				union all
				select ${period('a.done_at')}, 'assignment' from rel join learning_assignments a on a.relationship_id = rel.id where ${inRange('a.done_at')}
				union all
				select ${period('m.created_at')}, 'message' from messages m join rel on rel.id = m.relationship_id where ${inRange('m.created_at')} and m.deleted_at is null
				union all
				select ${period('e.created_at')}, 'email' from tracked_emails e join rel on rel.id = e.relationship_id where ${inRange('e.created_at')}
			) events group by events.period, kind`),
		bucketEnds.every(([first, last]) => first > last)
			? Promise.resolve([] as { period: string; n: number }[])
			: run<{ period: string; n: number }>(sql`
			with buckets as (
				select * from unnest(
					array[${sql.join(bucketEnds.map(([first]) => sql`${first}::date`), sql`, `)}],
					array[${sql.join(bucketEnds.map(([, last]) => sql`${last}::date`), sql`, `)}]
				) as b(first_day, last_day)
			)
			select to_char(b.first_day, 'YYYY-MM-DD') as period,
				sum(least(coalesce(ep.end_date, ${today}::date), b.last_day) - greatest(ep.start_date, b.first_day) + 1)::int as n
			from engagement_periods ep
			join registrations r on r.id = ep.registration_id
			${person}
			join buckets b on ep.start_date <= b.last_day and coalesce(ep.end_date, ${today}::date) >= b.first_day
			where ${registrationsKept([])}
			group by b.first_day`),
	])

	// Participation periods are keyed by their clipped first day; the chart keys by the period's.
	const participationByPeriod = participation.map((row) => ({ period: bucketEnds.findIndex(([first]) => first === row.period) + 1, n: row.n }))
	const ratings = FEEDBACK_RATINGS.map((rating) => ({ rating, n: sum(sessionRows.map((row) => Number(row[`r${rating}`]))) }))
	const total = matching.find((row) => row.period === null)
	const byKind = <K extends string>(rows: readonly (Counted & { kind: K })[], kind: K) => perPeriod(periods, rows.filter((row) => row.kind === kind))
	const series: ProgrammeReportSeries = {
		unit,
		periods,
		validated: perPeriod(periods, matching.filter((row) => row.period !== null).map((row) => ({ period: row.period!, n: row.validated }))),
		matched: perPeriod(periods, matching.filter((row) => row.period !== null).map((row) => ({ period: row.period!, n: row.matched }))),
		confirmed: byKind(relationshipEvents, 'confirmed'),
		ended: byKind(relationshipEvents, 'ended'),
		completedSessions: perPeriod(periods, sessionRows),
		noShows: perPeriod(periods, sessionRows.map((row) => ({ period: row.period, n: row.no_shows }))),
		goalsReached: byKind(workspaceEvents, 'goal'),
		assignmentsDone: byKind(workspaceEvents, 'assignment'),
		messages: byKind(workspaceEvents, 'message'),
		emails: byKind(workspaceEvents, 'email'),
		participationDays: perPeriod(periods, participationByPeriod),
	}
	const completed = sum(series.completedSessions)
	const noShows = sum(series.noShows)
	const registrationsByStatus = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>
	for (const row of byStatus) registrationsByStatus[row.status] = Number(row.n)

	return {
		from,
		to,
		metrics: {
			registrationsByStatus,
			matchRate: rate(total?.matched ?? 0, total?.validated ?? 0),
			medianDaysToMatch: total?.median_days == null ? null : round(Number(total.median_days), 1),
			relationships: { confirmed: sum(series.confirmed), lapsed: health?.lapsed ?? 0, ended: sum(series.ended) },
			sessionsPerRelationshipPerMonth: perRelationshipMonth(completed, Number(health?.relationship_days ?? 0)),
			noShowRate: rate(noShows, completed + noShows),
			goalsReached: sum(series.goalsReached),
			assignmentsDone: sum(series.assignmentsDone),
			feedback: summariseRatingCounts(ratings),
			participationDays: sum(series.participationDays),
			contactActivity: { sessions: completed, messages: sum(series.messages), emails: sum(series.emails) },
		},
		series,
	}
}

/** Where "all time" starts: the programme's creation, or its first registration if that came earlier (registrations brought in from before). */
async function firstActivity(programme: ProgrammeView): Promise<Date> {
	const [row] = (await getDb().execute(sql`select min(created_at) as first from registrations where programme_id = ${programme.id}`)) as unknown as { first: Date | string | null }[]
	const created = new Date(programme.createdAt)
	const first = row?.first ? new Date(row.first) : null
	return first && first < created ? first : created
}

export type ProgrammeReportView = ProgrammeReport & { previous: ProgrammeReport | null }

/**
 * The report a coordinator or admin asked for (a programme the viewer cannot see is not found; one
 * they see but do not administer is `not_allowed`), with the period before it to compare against,
 * except for all time, which has none. The query is refused field by field (422).
 */
export async function getProgrammeReport(input: {
	viewer: Viewer
	slug: string
	params: URLSearchParams
	now: Date
}): Promise<{ programme: ProgrammeView; query: ReportQuery; report: ProgrammeReportView }> {
	const { programme } = await getProgrammeToAdminister(input.viewer, input.slug)
	const today = DateTime.fromJSDate(input.now, { zone: programme.timeZone }).toISODate()!
	const firstDay = DateTime.fromJSDate(await firstActivity(programme), { zone: programme.timeZone }).toISODate()!
	const parsed = readReportQuery(input.params, today, firstDay)
	if (!parsed.ok) throw new DomainError('validation_failed', 'Some query parameters are invalid.', parsed.fields)
	const { range, filters, preset } = parsed.query
	const build = (days: DayRange) => buildProgrammeReport({ programme, ...days, filters, now: input.now })
	const [report, previous] = await Promise.all([build(range), preset === 'all_time' ? null : build(previousRange(range))])
	return { programme, query: parsed.query, report: { ...report, previous } }
}

/** The departments and locations on the dossiers of the programme's registrants: what the report's filters suggest. */
export async function reportFilterOptions(programmeId: string): Promise<{ departments: string[]; locations: string[] }> {
	const rows = (await getDb().execute(sql`
		select distinct coalesce(person_mp.department, person_ep.department, '') as department, coalesce(person_mp.location, person_ep.location, '') as location
		from registrations r ${registrationPerson}
		where r.programme_id = ${programmeId}`)) as unknown as { department: string; location: string }[]
	const distinct = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b)).slice(0, 200)
	return { departments: distinct(rows.map((r) => r.department)), locations: distinct(rows.map((r) => r.location)) }
}
