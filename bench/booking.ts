/**
 * Booking under contention: 100 mentees, each holding a bundle with each of 20 mentors, book paid
 * sessions through `POST /api/v1/bookings` as fast as the app answers, on slots of the mentors'
 * next 7 days (so they collide), against Mentora as `npm start` runs it (WEB_CONCURRENCY web
 * processes, default 1, one worker). Reports successful bookings per second and refusals by code,
 * checks that no two live sessions of a mentor or of a mentee overlap afterwards, and on the same
 * PostgreSQL server in the same run measures raw single-row inserts with pgbench.
 * Run: `npm run build && npm run bench:booking` (see bench/README.md). DURATION=5 for a shorter run.
 */
import { execFile, spawn } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { freePort } from '../server/free-port'

const DURATION = Number(process.env.DURATION ?? 15)
const MENTEES = 100
const MENTORS = 20
const DAYS_BOOKED = 7
const SLOT_MINUTES = 30
const PGBENCH_CLIENTS = 10
const HOUR = 3_600_000
const run = promisify(execFile)

type Seeded = { mentorSlugs: string[]; cookies: string[]; first: number }

/** 20 mentors with a paid calendar open around the clock, 100 mentees with a signed-in session and a 50-credit bundle with each mentor. */
async function seed(now: Date): Promise<Seeded> {
	const { getDb } = await import('../db/client')
	const { bundles, users } = await import('../db/schema')
	const { createMentorProfile } = await import('../app/services/accounts.server')
	const { saveCalendar } = await import('../app/services/calendars.server')
	const { createSession } = await import('../app/services/auth-sessions.server')
	const db = getDb()
	const mentors = await db
		.insert(users)
		.values(Array.from({ length: MENTORS }, (_, i) => ({ email: `mentor-${i}@bench.test`, name: `Bench Mentor ${i}`, timeZone: 'UTC', passwordHash: 'x', isMentor: true })))
		.returning()
	const mentees = await db
		.insert(users)
		.values(Array.from({ length: MENTEES }, (_, i) => ({ email: `mentee-${i}@bench.test`, name: `Bench Mentee ${i}`, timeZone: 'UTC', passwordHash: 'x', isMentee: true })))
		.returning()
	const mentorSlugs: string[] = []
	for (const mentor of mentors) {
		mentorSlugs.push(await db.transaction((tx) => createMentorProfile(tx, mentor.id, mentor.name, now)))
		const weekly = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '24:00' }))
		await saveCalendar(
			mentor.id,
			'paid',
			{ timeZone: 'UTC', weekly, overrides: [], bufferMinutes: 0, slotMinutes: SLOT_MINUTES, bookingWindow: { minLeadMinutes: 60, maxLeadMinutes: 60 * 24 * 60 } },
			now,
		)
	}
	await db.insert(bundles).values(
		mentees.flatMap((mentee) =>
			mentors.map((mentor) => ({ mentorId: mentor.id, menteeId: mentee.id, status: 'active' as const, sessionMinutes: SLOT_MINUTES, creditsTotal: 50, priceCents: 50 * 6000, paidAt: now })),
		),
	)
	const cookies = await Promise.all(mentees.map(async (mentee) => `mentora_session=${(await createSession(mentee.id, now)).token}`))
	// Slots start on the hour and half hour; the first bookable one is an hour and a bit from now.
	const first = Math.ceil((now.getTime() + 2 * HOUR) / (SLOT_MINUTES * 60_000)) * SLOT_MINUTES * 60_000
	return { mentorSlugs, cookies, first }
}

/** Every mentee books at random among the mentors' first DAYS_BOOKED days of slots until the time is up. */
async function book(appUrl: string, seeded: Seeded, seconds: number) {
	const slotsPerMentor = (DAYS_BOOKED * 24 * 60) / SLOT_MINUTES
	const outcomes = new Map<string, number>()
	const latencies: number[] = []
	const until = performance.now() + seconds * 1000
	await Promise.all(
		seeded.cookies.map(async (cookie) => {
			while (performance.now() < until) {
				const mentor = seeded.mentorSlugs[Math.floor(Math.random() * seeded.mentorSlugs.length)]!
				const start = new Date(seeded.first + Math.floor(Math.random() * slotsPerMentor) * SLOT_MINUTES * 60_000).toISOString()
				const t0 = performance.now()
				const response = await fetch(`${appUrl}/api/v1/bookings`, {
					method: 'POST',
					headers: { Cookie: cookie, 'Content-Type': 'application/json' },
					body: JSON.stringify({ mentor, type: 'paid', start }),
				})
				const body = (await response.json()) as { error?: { code: string } }
				latencies.push(performance.now() - t0)
				const outcome = response.status === 201 ? '201 booked' : `${response.status} ${body.error?.code ?? 'unknown'}`
				outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
	return { outcomes, p50: pct(0.5), p99: pct(0.99) }
}

/** Pairs of live sessions that overlap, of one mentor or of one mentee: must be none. */
async function overlaps(): Promise<number> {
	const { getDb } = await import('../db/client')
	const { sql } = await import('drizzle-orm')
	const [row] = (await getDb().execute(sql`
		select count(*)::int as n from sessions a join sessions b on a.id < b.id
		where (a.mentor_id = b.mentor_id or a.mentee_id = b.mentee_id)
			and a.status in ('pending', 'scheduled') and b.status in ('pending', 'scheduled')
			and a.starts_at < b.ends_at and b.starts_at < a.ends_at`)) as unknown as { n: number }[]
	return row!.n
}

/** Raw single-row inserts per second on the same server: pgbench, PGBENCH_CLIENTS clients, no vacuum. */
async function pgbench(url: string, dir: string, seconds: number): Promise<number | null> {
	const { getDb } = await import('../db/client')
	const { sql } = await import('drizzle-orm')
	await getDb().execute(sql`create table if not exists bench_rows (id bigserial primary key, mentor_id int not null, starts_at timestamptz not null)`)
	const script = path.join(dir, 'insert.sql')
	await writeFile(script, "\\set mentor random(1, 20)\ninsert into bench_rows (mentor_id, starts_at) values (:mentor, now());\n")
	try {
		const { stdout } = await run('pgbench', ['-n', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(seconds), '-f', script, url])
		const tps = /tps = ([\d.]+)/.exec(stdout)?.[1]
		return tps ? Number(tps) : null
	} catch (error) {
		console.error(`pgbench did not run (apt-get install postgresql-client): ${error instanceof Error ? error.message.split('\n')[0] : error}`)
		return null
	}
}

async function main() {
	const dir = await mkdtemp(path.join(tmpdir(), 'mentora-bench-booking-'))
	await chmod(dir, 0o777)
	const { startEmbeddedPostgres, ensureDatabase } = await import('../db/embedded')
	const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() })
	const port = await freePort()
	const appUrl = `http://127.0.0.1:${port}`
	let app: ReturnType<typeof spawn> | undefined
	try {
		await ensureDatabase(pg.url('postgres'), 'bench')
		const url = pg.url('bench')
		process.env.DATABASE_URL = url
		const { migrateDatabase } = await import('../db/migrate')
		await migrateDatabase(url)
		const seeded = await seed(new Date())

		// Production mode with the local stand-ins, as `npm start` runs: NODE_ENV is its to set.
		const { NODE_ENV: _nodeEnv, ...inherited } = process.env
		const env: Record<string, string | undefined> = { ...inherited, DATABASE_URL: url, PORT: String(port), APP_URL: appUrl, STRIPE_EMULATOR_PORT: String(await freePort()) }
		app = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
			env: env as NodeJS.ProcessEnv,
			stdio: ['ignore', 'pipe', 'inherit'],
		})
		let output = ''
		app.stdout!.on('data', (chunk) => (output += chunk))
		for (let waited = 0; !output.includes('Mentora is ready'); waited += 250) {
			if (app.exitCode !== null || waited > 180_000) throw new Error(`Mentora did not start:\n${output}`)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}

		await book(appUrl, seeded, 3) // warm-up
		const { outcomes, p50, p99 } = await book(appUrl, seeded, DURATION)
		const booked = outcomes.get('201 booked') ?? 0
		const overlapping = await overlaps()
		const tps = await pgbench(url, dir, DURATION)

		const perSecond = booked / DURATION
		console.log(`\n${MENTEES} mentees over ${MENTORS} mentors, ${DURATION} s after a 3 s warm-up; ${process.env.WEB_CONCURRENCY ?? 1} web process(es)`)
		console.log(`successful bookings: ${booked} (${perSecond.toFixed(1)}/s); request p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`)
		console.log(`answers: ${[...outcomes].map(([outcome, n]) => `${outcome} × ${n}`).join(', ')}`)
		console.log(`overlapping live sessions afterwards: ${overlapping}`)
		if (tps !== null) console.log(`pgbench single-row inserts, ${PGBENCH_CLIENTS} clients: ${tps.toFixed(0)}/s; bookings are ${((perSecond / tps) * 100).toFixed(2)} % of it`)
		if (overlapping > 0) process.exitCode = 1
	} finally {
		if (app && app.exitCode === null) {
			const exited = new Promise((resolve) => app!.once('exit', resolve))
			app.kill('SIGTERM')
			await exited
		}
		const { closeDb } = await import('../db/client')
		await closeDb()
		await pg.stop()
		await rm(dir, { recursive: true, force: true })
	}
}

main().catch((error) => {
	console.error(error)
	process.exitCode = 1
})
