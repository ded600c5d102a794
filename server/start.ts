/**
 * `npm start` / `npm run dev`: one command brings up everything. Without DATABASE_URL an embedded
 * PostgreSQL starts (data under EMBEDDED_PG_DIR); migrations run; an empty database gets demo data
 * (outside production); then the web server and the job worker start. Ctrl-C stops all of it.
 */
import { type Server } from 'node:http'
import path from 'node:path'
import { type EmbeddedServer } from '../db/embedded'
import { type Env } from '../app/utils/env.server'

const dev = process.argv.includes('--dev')

// A built app is served with React's production build. Left to itself, `npm start` is still a
// local run: the embedded database, Stripe emulator and mailbox stand in for what is not configured.
// Set before anything imports React, hence the imports inside main().
if (!dev && !process.env.NODE_ENV) {
	process.env.NODE_ENV = 'production'
	process.env.MENTORA_LOCAL ??= 'true'
}

async function loadEnv(): Promise<Env> {
	const { EnvError, getEnv } = await import('../app/utils/env.server')
	try {
		return getEnv()
	} catch (error) {
		if (!(error instanceof EnvError)) throw error
		for (const line of error.lines) console.error(line)
		process.exit(1)
	}
}

async function main() {
	const env = await loadEnv()
	const [{ closeDb }, { ensureDatabase, startEmbeddedPostgres }, { migrateDatabase }, { seedDemoDataIfEmpty }, { startWorker }, { startClockAt }, { isLive }, { createApp }] =
		await Promise.all([
			import('../db/client'),
			import('../db/embedded'),
			import('../db/migrate'),
			import('../db/seed'),
			import('../jobs/worker'),
			import('../app/utils/clock.server'),
			import('../app/utils/env.server'),
			import('./app'),
		])
	if (env.MENTORA_CLOCK) {
		startClockAt(new Date(env.MENTORA_CLOCK))
		console.log(`[clock] starts at ${env.MENTORA_CLOCK} and ticks on`)
	}

	let embedded: EmbeddedServer | undefined
	if (!env.DATABASE_URL) {
		console.log(`[db] starting embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`)
		embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT })
		await ensureDatabase(embedded.url('postgres'), 'mentora')
		process.env.DATABASE_URL = embedded.url('mentora')
	}
	const databaseUrl = process.env.DATABASE_URL as string

	// Without Stripe keys, a local Stripe emulator stands in (its objects kept beside the database's data).
	const stripe = env.STRIPE_SECRET_KEY
		? undefined
		: await import('./stripe-emulator').then((m) => m.startLocalStripe(env, path.join(path.dirname(path.resolve(env.EMBEDDED_PG_DIR)), 'stripe-emulator.json')))

	const running: { server?: Server; worker?: { stop: () => Promise<void> }; closeVite?: () => Promise<void> } = {}
	let stopping = false
	const stop = async (signal: string) => {
		if (stopping) return
		stopping = true
		;(globalThis as { __mentoraStopping?: boolean }).__mentoraStopping = true
		console.log(`\n[mentora] ${signal}: stopping`)
		await new Promise((resolve) => (running.server ? running.server.close(resolve) : resolve(undefined)))
		await running.worker?.stop().catch(() => {})
		await running.closeVite?.()
		await closeDb()
		await stripe?.stop()
		await embedded?.stop()
		process.exit(0)
	}
	process.once('SIGINT', () => void stop('SIGINT'))
	process.once('SIGTERM', () => void stop('SIGTERM'))

	await migrateDatabase(databaseUrl)
	// The worker creates the job queues, so it starts before the seed enqueues anything (its emails).
	running.worker = await startWorker()
	if (!isLive(env)) {
		const seeded = await seedDemoDataIfEmpty()
		if (seeded) console.log('[db] empty database: demo data added (logins in the README)')
	}
	const created = await createApp({ dev })
	running.closeVite = created.closeVite
	running.server = created.app.listen(env.PORT, () => {
		console.log(`[web] Mentora is ready at ${env.APP_URL}${dev ? ' (development, HMR on)' : ''}`)
	})
}

main().catch((error) => {
	console.error('[mentora] failed to start:', error instanceof Error ? error.message : error)
	process.exit(1)
})
