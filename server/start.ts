/**
 * `npm start` / `npm run dev`: one command brings up everything. Without DATABASE_URL an embedded
 * PostgreSQL starts (data under EMBEDDED_PG_DIR); without Stripe keys the Stripe emulator starts in
 * a process of its own; outside production, a local SMTP server for tracking addresses starts in
 * one too (INBOUND_SMTP_PORT); migrations run and the job queues are created; an empty database gets demo
 * data (outside production). Then `npm start` forks WEB_CONCURRENCY web processes and
 * WORKER_CONCURRENCY job workers (server/supervisor.ts), all on the one database; `npm run dev`
 * runs one web server (Vite, hot reload) and one worker in this process. Ctrl-C stops all of it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type EmbeddedServer } from '../db/embedded'
import { type Env } from '../app/utils/env.server'
import { type Running } from './roles'
import { type Supervisor } from './supervisor'

const dev = process.argv.includes('--dev')

// A built app is served with React's production build. Left to itself, `npm start` is still a
// local run: the embedded database, Stripe emulator and mailbox stand in for what is not configured.
// Set before anything imports React (hence the imports inside main()), and inherited by the forks.
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

/** A local stand-in in a process of its own; it is up once it writes its first line. */
async function startLocalProcess(script: string, env: Record<string, string>, failure: (code: number | null) => string): Promise<ChildProcess> {
	const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL(script, import.meta.url))], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(failure(code))))
		child.stdout!.once('data', (chunk: Buffer) => {
			process.stdout.write(chunk)
			child.removeAllListeners('exit')
			child.stdout!.pipe(process.stdout)
			resolve()
		})
	})
	return child
}

/** The Stripe emulator in its own process, as Stripe is: requests under load never wait on it, nor it on them. */
function startEmulatorProcess(env: Env, stateFile: string): Promise<ChildProcess> {
	return startLocalProcess(
		'./stripe-emulator/cli.ts',
		{
			STRIPE_EMULATOR_PORT: String(env.STRIPE_EMULATOR_PORT),
			APP_URL: env.APP_URL,
			STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET,
			EMULATOR_STATE_FILE: stateFile,
			EMULATOR_LOG: 'true',
		},
		(code) => `the Stripe emulator stopped at start (exit code ${code}); is port ${env.STRIPE_EMULATOR_PORT} in use?`,
	)
}

/** The local SMTP server for tracking addresses, on its own as a provider's MX would be; it needs the migrated database. */
function startInboundSmtpProcess(env: Env): Promise<ChildProcess> {
	return startLocalProcess(
		'./inbound-smtp-cli.ts',
		{ DATABASE_URL: process.env.DATABASE_URL as string, DATABASE_POOL_SIZE: '2' },
		(code) => `the inbound SMTP server stopped at start (exit code ${code}); is port ${env.INBOUND_SMTP_PORT} in use?`,
	)
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null) return
	const exited = new Promise((resolve) => child.once('exit', resolve))
	child.kill('SIGTERM')
	await exited
}

async function main() {
	const env = await loadEnv()
	const [{ ensureDatabase, startEmbeddedPostgres }, { migrateDatabase }, { seedDemoDataIfEmpty }, { createQueues }, { stopBoss }, { now, startClockAt }, { isLive }, roles, { superviseProcesses }] =
		await Promise.all([
			import('../db/embedded'),
			import('../db/migrate'),
			import('../db/seed'),
			import('../jobs/worker'),
			import('../jobs/queue.server'),
			import('../app/utils/clock.server'),
			import('../app/utils/env.server'),
			import('./roles'),
			import('./supervisor'),
		])
	if (env.MENTORA_CLOCK) {
		startClockAt(new Date(env.MENTORA_CLOCK))
		console.log(`[clock] starts at ${env.MENTORA_CLOCK} and ticks on`)
	}

	let embedded: EmbeddedServer | undefined
	let emulator: ChildProcess | undefined
	let inboundSmtp: ChildProcess | undefined
	let supervisor: Supervisor | undefined
	const inProcess: Running[] = []
	let stopping = false
	const stop = async (reason: string, exitCode = 0) => {
		if (stopping) return
		stopping = true
		;(globalThis as { __mentoraStopping?: boolean }).__mentoraStopping = true
		console.log(`\n[mentora] ${reason}: stopping`)
		await supervisor?.stop()
		for (const running of inProcess.reverse()) await running.stop().catch(() => {})
		await stopBoss().catch(() => {})
		await roles.closeConnections().catch(() => {})
		await stopChild(inboundSmtp)
		await stopChild(emulator)
		await embedded?.stop()
		process.exit(exitCode)
	}
	process.on('SIGINT', () => void stop('SIGINT'))
	process.on('SIGTERM', () => void stop('SIGTERM'))

	try {
		if (!env.DATABASE_URL) {
			console.log(`[db] starting embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`)
			embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, stopOnSignals: false })
			await ensureDatabase(embedded.url('postgres'), 'mentora')
			// Every forked process inherits it.
			process.env.DATABASE_URL = embedded.url('mentora')
		}
		if (!env.STRIPE_SECRET_KEY) {
			emulator = await startEmulatorProcess(env, path.join(path.dirname(path.resolve(env.EMBEDDED_PG_DIR)), 'stripe-emulator.json'))
		}
		await migrateDatabase(process.env.DATABASE_URL as string)
		// The queues exist before anything enqueues a job (the demo data sends emails).
		await createQueues()
		// A local run receives tracked email itself; a live one receives it from Mailgun's webhook.
		if (!isLive(env)) inboundSmtp = await startInboundSmtpProcess(env)
		if (!isLive(env)) {
			const seeded = await seedDemoDataIfEmpty()
			if (seeded) console.log('[db] empty database: demo data added (logins in the README)')
		}

		if (dev) {
			inProcess.push(await roles.startJobWorker())
			inProcess.push(await roles.startWeb({ dev: true, servedBy: 'web-1' }))
			console.log(`[web] Mentora is ready at ${env.APP_URL} (development, HMR on)`)
			return
		}

		// From here on this process only supervises; the forks hold the connections.
		await stopBoss()
		await roles.closeConnections()
		supervisor = superviseProcesses({
			counts: { web: env.WEB_CONCURRENCY, worker: env.WORKER_CONCURRENCY },
			env: () => ({ ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}), ...(env.MENTORA_CLOCK ? { MENTORA_CLOCK: now().toISOString() } : {}) }),
			log: (line) => console.log(line),
		})
		await supervisor.ready
		const processes = `${env.WEB_CONCURRENCY} web, ${env.WORKER_CONCURRENCY} worker process${env.WORKER_CONCURRENCY === 1 ? '' : 'es'}`
		console.log(env.WEB_CONCURRENCY > 0 ? `[web] Mentora is ready at ${env.APP_URL} (${processes})` : `[mentora] running ${processes}`)
	} catch (error) {
		console.error('[mentora] failed to start:', error instanceof Error ? error.message : error)
		await stop('failed to start', 1)
	}
}

void main()
