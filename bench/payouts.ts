/**
 * Releases 5,000 payouts through the Stripe emulator with 100 ms added to every call, by WORKERS
 * (default 3) worker processes as `npm start` runs them (server/child.ts: pg-boss batches and fetch
 * loops, the Stripe request budget they share through PostgreSQL). The emulator answers 429 like
 * Stripe's live mode above 100 requests per second, and 1% of calls at random on top.
 * Run: `npm run bench:payouts` (see bench/README.md). PAYOUTS=1000 for a shorter run.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const PAYOUTS = Number(process.env.PAYOUTS ?? 5000)
const WORKERS = Number(process.env.WORKERS ?? 3)
const PER_BUNDLE = 50
const LATENCY_MS = 100
const STRIPE_LIVE_LIMIT = 100

async function main() {
	const dir = await mkdtemp(path.join(tmpdir(), 'mentora-bench-'))
	await chmod(dir, 0o777)
	const { startEmbeddedPostgres, ensureDatabase } = await import('../db/embedded')
	const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: 20000 + Math.floor(Math.random() * 20000) })
	// Its own process, as Stripe is: the worker's busy moments cannot bunch up its arrival times.
	const port = 30000 + Math.floor(Math.random() * 20000)
	const emulator = spawn(process.execPath, ['--import', 'tsx', 'server/stripe-emulator/cli.ts'], {
		env: { ...process.env, STRIPE_EMULATOR_PORT: String(port), EMULATOR_LATENCY_MS: String(LATENCY_MS), EMULATOR_RATE_LIMIT: String(STRIPE_LIVE_LIMIT), EMULATOR_RANDOM_429: '0.01' },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise((resolve) => emulator.stdout!.once('data', resolve))
	const control = (path: string, body?: unknown) =>
		fetch(`http://127.0.0.1:${port}/_emulator/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json())
	try {
		await ensureDatabase(pg.url('postgres'), 'bench')
		process.env.DATABASE_URL = pg.url('bench')
		process.env.STRIPE_EMULATOR_PORT = String(port)
		process.env.DATABASE_POOL_SIZE = '20'
		const { migrateDatabase } = await import('../db/migrate')
		await migrateDatabase(process.env.DATABASE_URL)
		const ids = await seed(control)
		const { getEnv } = await import('../app/utils/env.server')
		console.log(
			`${PAYOUTS} pending payouts, ${WORKERS} worker processes; emulator: +${LATENCY_MS} ms per call, 429 above ${STRIPE_LIVE_LIMIT}/s and 1% at random; shared budget ${getEnv().STRIPE_REQUESTS_PER_SECOND}/s`,
		)

		const { getDb } = await import('../db/client')
		const { sql } = await import('drizzle-orm')
		await control('stats/reset', {})
		const started = performance.now()
		const workers = Array.from({ length: WORKERS }, (_, i) =>
			spawn(process.execPath, ['--import', 'tsx', 'server/child.ts'], {
				env: { ...process.env, MENTORA_PROCESS: 'worker', MENTORA_PROCESS_NAME: `worker-${i + 1}` },
				stdio: ['ignore', 'ignore', 'inherit'],
			}),
		)
		const released = async () =>
			((await getDb().execute(sql`select count(*)::int as n from payouts where status = 'released'`))[0] as { n: number }).n
		let last = 0
		while ((last = await released()) < PAYOUTS) {
			await new Promise((r) => setTimeout(r, 500))
			if (performance.now() - started > 15 * 60_000) throw new Error(`only ${last} released after 15 minutes`)
		}
		const seconds = (performance.now() - started) / 1000
		await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve).kill('SIGTERM'))))
		report(await control('stats'), seconds, ids)
	} finally {
		const { closeDb } = await import('../db/client')
		await closeDb()
		emulator.kill('SIGTERM')
		await pg.stop()
		await rm(dir, { recursive: true, force: true })
	}
}

/** One connected mentor, PAYOUTS / 50 paid bundles (charges made at the emulator), a held session and a pending payout with its job each. */
async function seed(control: (path: string, body?: unknown) => Promise<any>) {
	const { getDb } = await import('../db/client')
	const { bundles, payouts, sessions, stripeAccounts, users } = await import('../db/schema')
	const { enqueue } = await import('../jobs/queue.server')
	const { createQueues } = await import('../jobs/worker')
	const { releasePayoutJob } = await import('../jobs/release-payout')
	await createQueues()
	const db = getDb()
	const [mentor, mentee] = await db
		.insert(users)
		.values([
			{ email: 'mentor@bench.test', name: 'Mentor', timeZone: 'UTC', passwordHash: 'x', isMentor: true },
			{ email: 'mentee@bench.test', name: 'Mentee', timeZone: 'UTC', passwordHash: 'x', isMentee: true },
		])
		.returning()
	const { getStripe } = await import('../app/services/stripe.server')
	const stripe = getStripe()
	const account = await stripe.accounts.create({ type: 'express' })
	await control(`accounts/${account.id}/enable`, {})
	await db.insert(stripeAccounts).values({ userId: mentor!.id, accountId: account.id, transfersActive: true, payoutsEnabled: true, detailsSubmitted: true })
	const payoutIds: string[] = []
	const bundleCount = Math.ceil(PAYOUTS / PER_BUNDLE)
	const charges: string[] = []
	for (let b = 0; b < bundleCount; b += 10) {
		charges.push(
			...(await Promise.all(
				Array.from({ length: Math.min(10, bundleCount - b) }, async (_, i) => {
					const count = Math.min(PER_BUNDLE, PAYOUTS - (b + i) * PER_BUNDLE)
					const checkout = await stripe.checkout.sessions.create({
						mode: 'payment',
						success_url: 'http://localhost/ok',
						line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: count * 6000, product_data: { name: 'bench' } } }],
					})
					await control(`checkout/${checkout.id}/complete`, { outcome: 'paid' })
					const paid = await stripe.checkout.sessions.retrieve(checkout.id, { expand: ['payment_intent'] })
					return (paid.payment_intent as { latest_charge: string }).latest_charge
				}),
			)),
		)
	}
	for (let b = 0; b < bundleCount; b++) {
		const count = Math.min(PER_BUNDLE, PAYOUTS - b * PER_BUNDLE)
		const chargeId = charges[b]!
		await db.transaction(async (tx) => {
			const [bundle] = await tx
				.insert(bundles)
				.values({ mentorId: mentor!.id, menteeId: mentee!.id, status: 'active', sessionMinutes: 60, creditsTotal: count, creditsConsumed: count, priceCents: count * 6000, chargeId })
				.returning()
			const start = Date.UTC(2026, 0, 1) + b * PER_BUNDLE * 7_200_000
			const held = await tx
				.insert(sessions)
				.values(
					Array.from({ length: count }, (_, i) => ({
						mentorId: mentor!.id,
						menteeId: mentee!.id,
						type: 'paid' as const,
						status: 'completed' as const,
						bundleId: bundle!.id,
						startsAt: new Date(start + i * 7_200_000),
						endsAt: new Date(start + i * 7_200_000 + 3_600_000),
						quotaMonth: '2026-01',
					})),
				)
				.returning({ id: sessions.id })
			const rows = await tx
				.insert(payouts)
				.values(held.map((s) => ({ sessionId: s.id, bundleId: bundle!.id, mentorId: mentor!.id, amountCents: 4800, currency: 'eur' })))
				.returning({ id: payouts.id })
			for (const { id } of rows) {
				await enqueue(tx, releasePayoutJob, { payoutId: id })
				payoutIds.push(id)
			}
		})
	}
	return payoutIds
}

type Stats = { requests: number; rateLimited: number; overLimit: number; byRoute: Record<string, number>; peakPerSecond: number; firstArrival: number | null; lastArrival: number | null }

function report(stats: Stats, seconds: number, payoutIds: string[]) {
	const accepted = stats.requests - stats.rateLimited
	console.table({
		payouts: payoutIds.length,
		'wall time (s)': Number(seconds.toFixed(1)),
		'payouts per second': Number((payoutIds.length / seconds).toFixed(1)),
		'Stripe requests': stats.requests,
		'answered 429 (1% at random)': stats.rateLimited - stats.overLimit,
		'answered 429 (over 100/s)': stats.overLimit,
		'requests per second (mean)': Number((stats.requests / seconds).toFixed(1)),
		'accepted requests per second (mean)': Number((accepted / seconds).toFixed(1)),
		'requests per second (first to last request)': Number((stats.requests / Math.max(0.001, ((stats.lastArrival ?? 0) - (stats.firstArrival ?? 0)) / 1000)).toFixed(1)),
		'most requests in any 1 s window': stats.peakPerSecond,
		'transfer requests (incl. 429s)': stats.byRoute['POST /v1/transfers'] ?? 0,
	})
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error)
		process.exit(1)
	},
)
