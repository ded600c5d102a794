import postgres from 'postgres'
import { e2ePorts } from './ports'

/**
 * Rows written straight into the e2e server's database (tests/e2e/serve.ts: database `mentora`
 * on the run's PostgreSQL port), for states a browser cannot reach in a few seconds: a session that already ended,
 * one that starts in three hours.
 */
const DATABASE_URL = `postgres://postgres:mentora@127.0.0.1:${e2ePorts().postgres}/mentora`

const MINUTE = 60_000

async function withSql<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
	const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
	try {
		return await run(sql)
	} finally {
		await sql.end({ timeout: 5 })
	}
}

/** A 20-minute intro of `menteeEmail` with `mentorEmail`, starting `startsInMinutes` from now (negative: in the past). */
export function insertIntro(input: { mentorEmail: string; menteeEmail: string; startsInMinutes: number; status: 'scheduled' | 'pending' }): Promise<string> {
	return withSql(async (sql) => {
		const start = new Date(Date.now() + input.startsInMinutes * MINUTE)
		const end = new Date(start.getTime() + 20 * MINUTE)
		const [row] = await sql<{ id: string }[]>`
			insert into sessions (mentor_id, mentee_id, type, status, starts_at, ends_at, intro_form, quota_month, created_at, updated_at)
			select mentor.id, mentee.id, 'intro', ${input.status}, ${start}, ${end},
				${sql.json({ helpWith: 'Preparing for a first management role.', background: 'Senior engineer.', goals: 'A plan for the first 90 days.' })},
				${start.toISOString().slice(0, 7)}, now(), now()
			from users mentor, users mentee
			where mentor.email = ${input.mentorEmail} and mentee.email = ${input.menteeEmail}
			returning id`
		if (!row) throw new Error('intro not inserted: unknown people')
		return row.id
	})
}

/**
 * Moves the one scheduled session of `type` between the two to start `startsInMinutes` from now,
 * keeping its length: time passing, for a session booked through the pages.
 */
export function moveScheduledSession(input: { mentorEmail: string; menteeEmail: string; type: 'intro' | 'paid'; startsInMinutes: number }): Promise<string> {
	return withSql(async (sql) => {
		const start = new Date(Date.now() + input.startsInMinutes * MINUTE)
		const rows = await sql<{ id: string }[]>`
			update sessions s set starts_at = ${start}, ends_at = ${start}::timestamptz + (s.ends_at - s.starts_at), updated_at = now()
			from users mentor, users mentee
			where mentor.email = ${input.mentorEmail} and mentee.email = ${input.menteeEmail}
				and s.mentor_id = mentor.id and s.mentee_id = mentee.id and s.type = ${input.type} and s.status = 'scheduled'
			returning s.id`
		if (rows.length !== 1) throw new Error(`expected one scheduled ${input.type} session to move, found ${rows.length}`)
		return rows[0]!.id
	})
}

/** A pending relationship neither side has confirmed yet, as an admin's proposed match leaves it. */
export function insertPendingMatch(input: { mentorEmail: string; menteeEmail: string }): Promise<string> {
	return withSql(async (sql) => {
		const [row] = await sql<{ id: string }[]>`
			insert into relationships (mentor_id, mentee_id, status, origin, created_at, updated_at)
			select mentor.id, mentee.id, 'pending', 'admin', now(), now()
			from users mentor, users mentee
			where mentor.email = ${input.mentorEmail} and mentee.email = ${input.menteeEmail}
			returning id`
		if (!row) throw new Error('relationship not inserted: unknown people')
		return row.id
	})
}

/**
 * A paid session of the pair that started `startsInMinutes` ago and ended, on their active bundle
 * (one credit reserved, as booking does): what a mentor confirms the outcome of.
 */
export function insertEndedPaidSession(input: { mentorEmail: string; menteeEmail: string; startsInMinutes: number }): Promise<string> {
	return withSql((sql) =>
		sql.begin(async (tx) => {
			const [bundle] = await tx<{ id: string; minutes: number }[]>`
				update bundles b set credits_reserved = b.credits_reserved + 1
				from users mentor, users mentee
				where b.id = (
					select b2.id from bundles b2 where b2.mentor_id = mentor.id and b2.mentee_id = mentee.id and b2.status = 'active'
						and b2.credits_reserved + b2.credits_consumed + b2.credits_refunded < b2.credits_total
					order by b2.created_at limit 1)
					and mentor.email = ${input.mentorEmail} and mentee.email = ${input.menteeEmail}
				returning b.id, b.session_minutes as minutes`
			if (!bundle) throw new Error('no active bundle with a credit left for that pair')
			const start = new Date(Date.now() + input.startsInMinutes * MINUTE)
			const end = new Date(start.getTime() + bundle.minutes * MINUTE)
			const [row] = await tx<{ id: string }[]>`
				insert into sessions (mentor_id, mentee_id, type, status, starts_at, ends_at, bundle_id, quota_month, created_at, updated_at)
				select mentor.id, mentee.id, 'paid', 'scheduled', ${start}, ${end}, ${bundle.id}, ${start.toISOString().slice(0, 7)}, now(), now()
				from users mentor, users mentee
				where mentor.email = ${input.mentorEmail} and mentee.email = ${input.menteeEmail}
				returning id`
			return row!.id
		}),
	)
}
