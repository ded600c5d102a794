/**
 * Times a relationship's timeline through its API route, as Remix calls it, with ITEMS items
 * (default 20,000: messages, goals, learning assignments and tracked emails, plus the pair's
 * sessions): the newest page of 50, a page deep in the history by cursor, one kind, and a search.
 * Reports the median and the slowest of RUNS answers each. Target: the newest 50 under 20 ms.
 * Run: `npm run bench:timeline` (see bench/README.md).
 */
import { performance } from 'node:perf_hooks'
import { withBenchDatabase } from './bench-database'

const ITEMS = Number(process.env.ITEMS ?? 20_000)
const RUNS = Number(process.env.RUNS ?? 50)
const TARGET_MS = 20

async function main() {
	await withBenchDatabase(async () => {
		const { cookie, id } = await seed()
		const route = await import('../app/routes/api.v1.relationships.$id.timeline')
		const ask = async (query: string) => {
			const request = new Request(`http://localhost/api/v1/relationships/${id}/timeline${query}`, { headers: { Cookie: cookie } })
			const started = performance.now()
			const response = (await route.loader({ request, context: { ip: '127.0.0.1', responseCookies: [] }, params: { id } })) as Response
			if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`)
			const body = (await response.json()) as { items: unknown[]; nextCursor: string | null }
			return { ms: performance.now() - started, body }
		}
		// A cursor 10,000 items back, walked to once.
		let deep = ''
		for (let page = 0; page < Math.floor(ITEMS / 2 / 200); page++) deep = (await ask(`?limit=200${deep ? `&before=${deep}` : ''}`)).body.nextCursor ?? deep
		console.log(`${ITEMS.toLocaleString('en')} items in one relationship\n`)
		console.log('| request | median ms | slowest ms |')
		console.log('| --- | --- | --- |')
		let newest = Infinity
		for (const [name, query] of [
			['newest 50', ''],
			['50 from 10,000 back', `?before=${deep}`],
			['newest 50 goals', '?kind=goal'],
			['search "needle"', '?q=needle'],
		] as const) {
			await ask(query)
			const times: number[] = []
			for (let i = 0; i < RUNS; i++) times.push((await ask(query)).ms)
			times.sort((a, b) => a - b)
			const median = times[Math.floor(times.length / 2)]!
			if (name === 'newest 50') newest = median
			console.log(`| ${name} | ${median.toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`)
		}
		console.log(`\nNewest 50 under ${TARGET_MS} ms (median): ${newest < TARGET_MS ? 'met' : 'NOT met'}`)
	})
}

/** One pair, ITEMS items spread over two years: 70 % messages (one in a thousand says "needle"), 10 % each goals, assignments, emails. */
async function seed() {
	const { getDb } = await import('../db/client')
	const { sql } = await import('drizzle-orm')
	const { createSession } = await import('../app/services/auth-sessions.server')
	const db = getDb()
	const started = performance.now()
	const [mentor] = (await db.execute(sql`insert into users (email, name, time_zone, password_hash, is_mentor) values ('mentor@bench.test', 'Mentor', 'Europe/Berlin', 'x', true) returning id`)) as unknown as { id: string }[]
	const [mentee] = (await db.execute(sql`insert into users (email, name, time_zone, password_hash, is_mentee) values ('mentee@bench.test', 'Mentee', 'Europe/Berlin', 'x', true) returning id`)) as unknown as { id: string }[]
	const [relationship] = (await db.execute(sql`
		insert into relationships (mentor_id, mentee_id, status, origin, created_at, mentor_confirmed_at, mentee_confirmed_at)
		values (${mentor!.id}, ${mentee!.id}, 'confirmed', 'admin', '2025-01-01', '2025-01-01', '2025-01-01') returning id`)) as unknown as { id: string }[]
	const r = relationship!.id
	const at = (share: number) => sql`timestamptz '2025-01-02' + (i * ${Math.round((730 * 86400) / (ITEMS * share))}) * interval '1 second'`
	await db.execute(sql`
		insert into messages (relationship_id, author_id, body, created_at)
		select ${r}, case when i % 2 = 0 then ${mentor!.id}::uuid else ${mentee!.id}::uuid end, case when i % 1000 = 0 then 'the needle' else 'Message ' || i end, ${at(0.7)}
		from generate_series(1, ${Math.round(ITEMS * 0.7)}) i`)
	await db.execute(sql`
		insert into goals (relationship_id, created_by, title, created_at) select ${r}, ${mentee!.id}, 'Goal ' || i, ${at(0.1)} from generate_series(1, ${Math.round(ITEMS * 0.1)}) i`)
	await db.execute(sql`
		insert into learning_assignments (relationship_id, created_by, kind, title, created_at) select ${r}, ${mentor!.id}, 'assigned', 'Read ' || i, ${at(0.1)} from generate_series(1, ${Math.round(ITEMS * 0.1)}) i`)
	await db.execute(sql`
		insert into tracked_emails (relationship_id, message_id, sender_id, from_address, subject, sent_at, text, created_at)
		select ${r}, '<' || i || '@bench.test>', ${mentee!.id}, 'mentee@bench.test', 'Notes ' || i, ${at(0.1)}, 'Text', ${at(0.1)} from generate_series(1, ${Math.round(ITEMS * 0.1)}) i`)
	await db.execute(sql`vacuum analyze`)
	console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	const { token } = await createSession(mentee!.id, new Date())
	return { cookie: `mentora_session=${token}`, id: r }
}

void main().catch((error: unknown) => {
	console.error(error)
	process.exitCode = 1
})
