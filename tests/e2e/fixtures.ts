import postgres from 'postgres'

/**
 * Rows written straight into the e2e server's database (tests/e2e/serve.ts: port 5544, database
 * `mentora`), for states a browser cannot reach in a few seconds: a session that already ended,
 * one that starts in three hours.
 */
const DATABASE_URL = 'postgres://postgres:mentora@127.0.0.1:5544/mentora'

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
