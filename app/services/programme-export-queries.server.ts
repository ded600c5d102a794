import { sql, type SQL } from 'drizzle-orm'
import { NOT_YET_PARTICIPATING, type ExportFilters } from '../rules/exports'

/**
 * The SQL of each programme export: one row per CSV record, its columns in the header's order,
 * every value already text (or a count), so streaming them costs no per-row work beyond quoting.
 * Instants are ISO 8601 with the programme's offset (the stream sets the session's zone to the
 * programme's), dates `YYYY-MM-DD`; sessions carry UTC beside them.
 *
 * The filters are the registrations table's: `role`, `department` and `location` (of the
 * person's dossier for that role, matched whole and without regard to case), `status` and `q`
 * (name or email), and a range of days in the programme's zone. A registration is in the range by
 * the day it was made, an engagement period when it overlaps it, a relationship by the day it was
 * proposed, a session by the day it starts. For relationships and sessions, which have two
 * people, `role` says whose department, location and name the filters look at (either's when no
 * role is given); registration statuses say nothing of them and are not applied. The programme
 * report (programme-report.server.ts) filters with the same conditions.
 */

export type ExportQuery = { header: string[]; sql: SQL }
type Programme = { id: string; name: string; timeZone: string }

/** An instant as ISO 8601 in the session's zone: 2027-03-01T10:00:00+01:00. */
const local = (column: SQL) => sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`
/** An instant as ISO 8601 in UTC: 2027-03-01T09:00:00Z. */
const utc = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
/** The calendar day of an instant in the programme's zone. */
const dayOf = (column: SQL, p: Programme) => sql`(${column} at time zone ${p.timeZone})::date`

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const same = (column: SQL, value: string) => sql`lower(${column}) = lower(${value})`

/** A person's department and location on the dossier of the role they play here. */
const dossier = (person: string, role: 'mentor' | 'mentee') => ({
	department: sql.raw(`coalesce(${person}_${role === 'mentor' ? 'mp' : 'ep'}.department, '')`),
	location: sql.raw(`coalesce(${person}_${role === 'mentor' ? 'mp' : 'ep'}.location, '')`),
})

function dayRange(column: SQL, p: Programme, f: ExportFilters): SQL[] {
	const conditions: SQL[] = []
	if (f.from) conditions.push(sql`${dayOf(column, p)} >= ${f.from}::date`)
	if (f.to) conditions.push(sql`${dayOf(column, p)} <= ${f.to}::date`)
	return conditions
}

/** What the filters ask of one person: `person` is the alias of their users row, `role` the part they play. */
function personConditions(person: string, role: 'mentor' | 'mentee', f: ExportFilters): SQL[] {
	const d = dossier(person, role)
	const conditions: SQL[] = []
	if (f.department) conditions.push(same(d.department, f.department))
	if (f.location) conditions.push(same(d.location, f.location))
	if (f.q) conditions.push(sql`(${sql.raw(person)}.name ilike ${escapeLike(f.q)} or ${sql.raw(person)}.email ilike ${escapeLike(f.q)})`)
	return conditions
}

export const all = (conditions: SQL[]) => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`)

/** For a pair: the filters on the side `role` names, or on either side. */
export function pairConditions(f: ExportFilters): SQL {
	const mentor = all(personConditions('mentor', 'mentor', f))
	const mentee = all(personConditions('mentee', 'mentee', f))
	if (f.role === 'mentor') return mentor
	if (f.role === 'mentee') return mentee
	if (!f.department && !f.location && !f.q) return sql`true`
	return sql`((${mentor}) or (${mentee}))`
}

/** The registration's person (`person`) with the dossier of their role. */
export const registrationPerson = sql.raw(`
	join users person on person.id = r.user_id
	left join mentor_profiles person_mp on r.role = 'mentor' and person_mp.user_id = r.user_id
	left join mentee_profiles person_ep on r.role = 'mentee' and person_ep.user_id = r.user_id`)
const personDepartment = sql.raw(`coalesce(person_mp.department, person_ep.department, '')`)
const personLocation = sql.raw(`coalesce(person_mp.location, person_ep.location, '')`)

export function registrationConditions(p: Programme, f: ExportFilters): SQL[] {
	const conditions: SQL[] = [sql`r.programme_id = ${p.id}`]
	if (f.role) conditions.push(sql`r.role = ${f.role}`)
	if (f.statuses && f.statuses.length > 0) conditions.push(sql`r.status::text in (${sql.join(f.statuses.map((s) => sql`${s}`), sql`, `)})`)
	if (f.department) conditions.push(same(personDepartment, f.department))
	if (f.location) conditions.push(same(personLocation, f.location))
	if (f.q) conditions.push(sql`(person.name ilike ${escapeLike(f.q)} or person.email ilike ${escapeLike(f.q)})`)
	return conditions
}

export function registrationsQuery(p: Programme, f: ExportFilters): ExportQuery {
	const header = [
		'programme', 'person', 'email', 'role', 'department', 'location', 'status', 'registered at', 'status date', 'validated at',
		'periods count', 'first start', 'last end', 'relationship count',
	]
	return {
		header,
		sql: sql`
			select ${p.name}::text, person.name, person.email, r.role::text, ${personDepartment}, ${personLocation}, r.status::text,
				${local(sql`r.created_at`)}, ${local(sql`r.status_changed_at`)}, ${local(sql`r.validated_at`)},
				coalesce(periods.n, 0), periods.first_start::text,
				-- The engagement has a last end only once every period has one.
				case when periods.open then null else periods.last_end::text end,
				coalesce(matches.n, 0)
			from registrations r
			${registrationPerson}
			-- Aggregated once for the programme and joined (a hash join), not looked up row by row.
			left join (
				select ep.registration_id, count(*)::int as n, min(ep.start_date) as first_start, max(ep.end_date) as last_end, bool_or(ep.end_date is null) as open
				from engagement_periods ep join registrations own on own.id = ep.registration_id
				where own.programme_id = ${p.id}
				group by ep.registration_id
			) periods on periods.registration_id = r.id
			-- Likewise counted once per person and side.
			left join (
				select 'mentor' as role, mentor_id as user_id, count(*)::int as n from relationships where programme_id = ${p.id} group by mentor_id
				union all
				select 'mentee', mentee_id, count(*)::int from relationships where programme_id = ${p.id} group by mentee_id
			) matches on matches.user_id = r.user_id and matches.role = r.role::text
			where ${all([...registrationConditions(p, f), ...dayRange(sql`r.created_at`, p, f)])}
			order by r.created_at, r.id`,
	}
}

export function participationDatesQuery(p: Programme, f: ExportFilters): ExportQuery {
	const header = ['programme', 'person', 'email', 'role', 'department', 'location', 'status', 'period start', 'period end', 'period added at', 'validated at']
	const overlap: SQL[] = []
	if (f.from) overlap.push(sql`(ep.end_date is null or ep.end_date >= ${f.from}::date)`)
	if (f.to) overlap.push(sql`ep.start_date <= ${f.to}::date`)
	const notYet = sql.join(
		NOT_YET_PARTICIPATING.map((s) => sql`${s}`),
		sql`, `,
	)
	return {
		header,
		sql: sql`
			select ${p.name}::text, person.name, person.email, r.role::text, ${personDepartment}, ${personLocation}, r.status::text,
				ep.start_date::text, ep.end_date::text, ${local(sql`ep.created_at`)}, ${local(sql`r.validated_at`)}
			from engagement_periods ep
			join registrations r on r.id = ep.registration_id
			${registrationPerson}
			where ${all([...registrationConditions(p, f), sql`r.status::text not in (${notYet})`, ...overlap])}
			order by r.created_at, r.id, ep.start_date, ep.id`,
	}
}

/** The two people of a pair (`mentor`, `mentee`) with their dossiers. */
export const pairPeople = sql.raw(`
	join users mentor on mentor.id = x.mentor_id
	join users mentee on mentee.id = x.mentee_id
	left join mentor_profiles mentor_mp on mentor_mp.user_id = x.mentor_id
	left join mentee_profiles mentee_ep on mentee_ep.user_id = x.mentee_id`)

/**
 * A session is a relationship's when it is between its two people and starts while it lasts: on or
 * after it was proposed, and before it was closed (declined or ended), if it was.
 */
export const sessionOfRelationship = (s: string, rel: string) =>
	sql.raw(`${s}.mentor_id = ${rel}.mentor_id and ${s}.mentee_id = ${rel}.mentee_id and ${s}.starts_at >= ${rel}.created_at and (${rel}.closed_at is null or ${s}.starts_at < ${rel}.closed_at)`)

export function relationshipsQuery(p: Programme, f: ExportFilters): ExportQuery {
	const header = [
		'programme', 'mentor', 'mentor email', 'mentee', 'mentee email', 'status', 'created at', 'confirmed at', 'ended at', 'last contact', 'sessions count',
	]
	return {
		header,
		sql: sql`
			select ${p.name}::text, mentor.name, mentor.email, mentee.name, mentee.email, x.status,
				${local(sql`x.created_at`)},
				${local(sql`case when x.mentor_confirmed_at is not null and x.mentee_confirmed_at is not null then greatest(x.mentor_confirmed_at, x.mentee_confirmed_at) end`)},
				${local(sql`case when x.status = 'ended' then x.closed_at end`)},
				${local(sql`held.last_contact`)},
				coalesce(held.n, 0)
			from relationships x
			${pairPeople}
			left join lateral (
				select count(*)::int as n, max(s.ends_at) filter (where s.status = 'completed') as last_contact
				from sessions s where ${sessionOfRelationship('s', 'x')}
			) held on true
			where ${all([sql`x.programme_id = ${p.id}`, pairConditions(f), ...dayRange(sql`x.created_at`, p, f)])}
			order by x.created_at, x.id`,
	}
}

export function sessionsQuery(p: Programme, f: ExportFilters): ExportQuery {
	const header = [
		'programme', 'start (UTC)', 'end (UTC)', `start (${p.timeZone})`, `end (${p.timeZone})`, 'mentor', 'mentor email', 'mentee', 'mentee email', 'type', 'status', 'outcome',
	]
	return {
		header,
		sql: sql`
			select ${p.name}::text, ${utc(sql`x.starts_at`)}, ${utc(sql`x.ends_at`)}, ${local(sql`x.starts_at`)}, ${local(sql`x.ends_at`)},
				mentor.name, mentor.email, mentee.name, mentee.email, x.type, x.status,
				-- What was decided after it: an intro's decision, or a disputed no-show's.
				case
					when x.dispute_decision is not null then 'dispute ' || x.dispute_decision
					when x.disputed_at is not null then 'disputed'
					else x.intro_decision
				end
			-- A pair's relationships never overlap in time, so each session joins one of them at most.
			from relationships rel
			join sessions x on ${sessionOfRelationship('x', 'rel')}
			${pairPeople}
			where ${all([sql`rel.programme_id = ${p.id}`, pairConditions(f), ...dayRange(sql`x.starts_at`, p, f)])}
			order by x.starts_at, x.id`,
	}
}
