import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import PgBoss from 'pg-boss'
import postgres from 'postgres'
import { freePort } from '../../server/free-port'
import { startResendStandIn, type ResendStandIn } from '../support/resend-stand-in'
import { e2ePorts } from './ports'

/**
 * `npm start` with WEB_CONCURRENCY=2 and WORKER_CONCURRENCY=2 on a database of its own (on the
 * run's PostgreSQL server): the real supervisor, forks, emulator process and job queues.
 */

const serverUrl = `postgres://postgres:mentora@127.0.0.1:${e2ePorts().postgres}`

/** One GET on a connection of its own, so the cluster may hand it to any web process. */
function getOnNewConnection(url: string, cookie: string): Promise<{ status: number; servedBy: string | undefined; body: any }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent: false, headers: { Cookie: cookie } }, (res) => {
				let raw = ''
				res.on('data', (chunk) => (raw += chunk))
				res.on('end', () => resolve({ status: res.statusCode ?? 0, servedBy: res.headers['x-served-by'] as string | undefined, body: JSON.parse(raw) }))
			})
			.once('error', reject)
	})
}

test.describe('several processes on one database', () => {
	test.setTimeout(180_000)
	const database = `processes_${randomBytes(4).toString('hex')}`
	const databaseUrl = `${serverUrl}/${database}`
	let dir: string
	let app: ChildProcess | undefined
	let output = ''
	let resend: ResendStandIn
	let appUrl: string

	test.beforeAll(async () => {
		test.setTimeout(180_000)
		const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} })
		await admin.unsafe(`create database ${database}`)
		await admin.end()
		dir = await mkdtemp(path.join(os.tmpdir(), 'mentora-processes-'))
		resend = await startResendStandIn()
		const port = await freePort()
		appUrl = `http://127.0.0.1:${port}`
		// Production mode with the local stand-ins, as `npm start` runs: NODE_ENV and MENTORA_LOCAL are its to set.
		const { NODE_ENV: _nodeEnv, MENTORA_LOCAL: _local, ...inherited } = process.env
		const env: Record<string, string | undefined> = {
			...inherited,
			PORT: String(port),
			APP_URL: appUrl,
			DATABASE_URL: databaseUrl,
			WEB_CONCURRENCY: '2',
			WORKER_CONCURRENCY: '2',
			STRIPE_EMULATOR_PORT: String(await freePort()),
			INBOUND_SMTP_PORT: String(await freePort()),
			EMBEDDED_PG_DIR: path.join(dir, 'pg'),
			RESEND_BASE_URL: resend.url,
			RESEND_REQUESTS_PER_SECOND: '50',
		}
		const started = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
		started.stdout!.on('data', (chunk) => (output += chunk))
		started.stderr!.on('data', (chunk) => (output += chunk))
		app = started
		await expect.poll(() => output, { timeout: 150_000, intervals: [500] }).toContain('Mentora is ready')
	})

	test.afterAll(async () => {
		if (app && app.exitCode === null) {
			const exited = new Promise((resolve) => app!.once('exit', resolve))
			app.kill('SIGTERM')
			await exited
		}
		await resend?.close()
		const admin = postgres(`${serverUrl}/postgres`, { max: 1, onnotice: () => {} })
		await admin.unsafe(`drop database if exists ${database} with (force)`)
		await admin.end()
		if (dir) await rm(dir, { recursive: true, force: true })
	})

	test('npm start runs two web processes and two workers; a session signed in on one is valid on the other', async () => {
		expect(output).toContain('(2 web, 2 worker processes)')
		expect(output).toContain('[worker-1] running')
		expect(output).toContain('[worker-2] running')

		const email = `processes-${randomUUID()}@example.test`
		const signup = await fetch(`${appUrl}/api/v1/auth/signup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Origin: appUrl },
			body: JSON.stringify({ email, password: 'a long enough passphrase', name: 'Pat Processes', role: 'mentee', timeZone: 'Europe/Berlin' }),
		})
		expect(signup.status).toBe(201)
		const cookie = signup.headers
			.getSetCookie()
			.map((c) => c.split(';')[0]!)
			.join('; ')

		const answers = await Promise.all(Array.from({ length: 12 }, () => getOnNewConnection(`${appUrl}/api/v1/me`, cookie)))
		expect(answers.map((a) => [a.status, a.body.user?.email])).toEqual(answers.map(() => [200, email]))
		expect(new Set(answers.map((a) => a.servedBy))).toEqual(new Set(['web-1', 'web-2']))
	})

	test('forty emails queued at once are each sent exactly once by the two workers together', async () => {
		const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} })
		const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 2 })
		await boss.start()
		try {
			const ids = await sql<{ id: string }[]>`
				insert into email_outbox (to_address, template, category, data, subject, html, text)
				select 'n' || n || '@example.test', 'password_reset', 'transactional', '{}', 'Test ' || n, '<p>Test</p>', 'Test'
				from generate_series(1, 40) as n
				returning id`
			await Promise.all(ids.map(({ id }) => boss.send('send-email', { emailId: id })))

			await expect
				.poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from email_outbox where id = any(${ids.map((r) => r.id)}) and status = 'sent'`)[0]!.n, {
					timeout: 60_000,
					intervals: [500],
				})
				.toBe(40)
			const ours = new Set(ids.map((r) => r.id))
			const requests = resend.requests.filter((r) => r.idempotencyKey && ours.has(r.idempotencyKey))
			expect(requests).toHaveLength(40)
			expect(new Set(requests.map((r) => r.idempotencyKey)).size).toBe(40)
			const attempts = await sql<{ attempts: number }[]>`select attempts from email_outbox where id = any(${ids.map((r) => r.id)})`
			expect(attempts.every((row) => row.attempts === 1)).toBe(true)
		} finally {
			await boss.stop({ graceful: false })
			await sql.end()
		}
	})
})
