/**
 * Streams a programme's CSV exports of ROWS records (default 200,000) through the route's loader,
 * as Remix calls it, reading slowly-ish (a pause every 20 chunks), and reports records a second
 * and how much the heap (after a full collection) and the RSS grew while streaming.
 * Targets: more than 50,000 records a second; the heap grows less than 50 MB.
 * Run: `npm run bench:exports` (see bench/README.md). ROWS=50000 for a shorter run.
 */
import { performance } from 'node:perf_hooks'
import { withBenchDatabase } from './bench-database'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

const ROWS = Number(process.env.ROWS ?? 200_000)
const MB = 2 ** 20

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

async function main() {
	await withBenchDatabase(async () => {
		const { cookie, slug } = await seed()
		const route = await import('../app/routes/api.v1.programmes.$slug.exports.$file')
		console.log(`${ROWS.toLocaleString('en')} registrations, each with one engagement period, in one programme (Europe/Berlin)\n`)
		console.log('| export | records | seconds | records/s | heap growth | rss growth |')
		console.log('| --- | --- | --- | --- | --- | --- |')
		const results: { file: string; perSecond: number; heap: number }[] = []
		for (const file of ['registrations.csv', 'participation-dates.csv']) {
			const request = new Request(`http://localhost/api/v1/programmes/${slug}/exports/${file}`, { headers: { Cookie: cookie } })
			gc()
			const before = process.memoryUsage()
			let heap = 0
			let rss = 0
			let records = 0
			let chunks = 0
			const started = performance.now()
			const response = (await route.loader({ request, context: { ip: '127.0.0.1', responseCookies: [] }, params: { slug, file } })) as Response
			const reader = response.body!.getReader()
			for (;;) {
				const { done, value } = await reader.read()
				if (done) break
				for (let i = 0; i < value.length; i++) if (value[i] === 10) records++
				if (++chunks % 20 === 0) {
					await new Promise((r) => setTimeout(r, 5))
					gc()
					const now = process.memoryUsage()
					heap = Math.max(heap, now.heapUsed - before.heapUsed)
					rss = Math.max(rss, now.rss - before.rss)
				}
			}
			const seconds = (performance.now() - started) / 1000
			const data = records - 1
			results.push({ file, perSecond: data / seconds, heap })
			console.log(`| ${file} | ${data.toLocaleString('en')} | ${seconds.toFixed(2)} | ${Math.round(data / seconds).toLocaleString('en')} | ${(heap / MB).toFixed(1)} MB | ${(rss / MB).toFixed(1)} MB |`)
		}
		console.log('')
		for (const r of results) {
			const met = r.perSecond > 50_000 && r.heap < 50 * MB
			console.log(`${r.file}: > 50,000 records/s and heap growth < 50 MB: ${met ? 'met' : 'NOT met'}`)
		}
	})
}

/** One statement per table, each an `insert … select generate_series`. */
async function seed() {
	const { getDb } = await import('../db/client')
	const { sql } = await import('drizzle-orm')
	const { createSession } = await import('../app/services/auth-sessions.server')
	const db = getDb()
	const started = performance.now()
	const [admin] = (await db.execute(sql`
		insert into users (email, name, time_zone, password_hash, is_admin) values ('admin@bench.test', 'Admin', 'Europe/Berlin', 'x', true) returning id`)) as unknown as { id: string }[]
	const [programme] = (await db.execute(sql`
		insert into programmes (slug, name, matching_mode, time_zone) values ('bench-programme', 'Bench programme', 'admin', 'Europe/Berlin') returning id`)) as unknown as { id: string }[]
	await db.execute(sql`
		insert into users (email, name, time_zone, password_hash, is_mentee)
		select 'person-' || i || '@bench.test', 'Person ' || i || case when i % 10 = 0 then ', "quoted"' when i % 10 = 1 then ' =1+1' else '' end, 'Europe/Berlin', 'x', true
		from generate_series(1, ${ROWS}) i`)
	await db.execute(sql`
		insert into mentee_profiles (user_id, department, location)
		select id, (array['Sales', 'Engineering', 'Legal'])[1 + abs(hashtext(email)) % 3], 'Berlin' from users where email like 'person-%'`)
	await db.execute(sql`
		insert into registrations (programme_id, user_id, role, status, validated_at, created_at, status_changed_at)
		select ${programme!.id}::uuid, id, 'mentee', 'in_progress', now(), now() - interval '1 day', now() from users where email like 'person-%'`)
	await db.execute(sql`
		insert into engagement_periods (registration_id, start_date, end_date)
		select id, date '2027-01-01', case when random() < 0.5 then date '2027-06-30' end from registrations`)
	await db.execute(sql`analyze`)
	console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	const { token } = await createSession(admin!.id, new Date())
	return { cookie: `mentora_session=${token}`, slug: 'bench-programme' }
}

void main().catch((error: unknown) => {
	console.error(error)
	process.exitCode = 1
})
