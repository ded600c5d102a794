/**
 * Pages and the slots API under load: autocannon, 50 connections, 15 s per target after a 3 s
 * warm-up, against a bare Node `http` server (the ceiling of this machine and load generator) and
 * Mentora as `npm start` runs it (built app, production mode, WEB_CONCURRENCY web processes,
 * default 1) on a fresh embedded PostgreSQL with the demo data. Each target is reported as
 * requests per second, p50 and p99, and as a share of the bare server's requests per second.
 * Run: `npm run build && npm run bench:http` (see bench/README.md). DURATION=5 for a shorter run,
 * ONLY=slots for the bare server and the targets whose name holds `slots`.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '../server/free-port'

const DURATION = Number(process.env.DURATION ?? 15)
const CONNECTIONS = 50
const MENTOR = 'lena-hoffmann'
const BARE_SERVER = `
require('node:http')
	.createServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('ok') })
	.listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening'))
`

type Outcome = { name: string; perSecond: number; p50: number; p99: number; non2xx: number; errors: number }

async function load(name: string, url: string): Promise<Outcome> {
	const options = { url, connections: CONNECTIONS, headers: { Cookie: 'CH-time-zone=Europe%2FBerlin' } }
	await autocannon({ ...options, duration: 3 })
	const result = await autocannon({ ...options, duration: DURATION })
	return { name, perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

async function main() {
	// The bare server runs in a process of its own, as Mentora's web process does, not beside autocannon.
	const barePort = await freePort()
	const bare = spawn(process.execPath, ['-e', BARE_SERVER, String(barePort)], { stdio: ['ignore', 'pipe', 'inherit'] })
	await new Promise((resolve) => bare.stdout!.once('data', resolve))

	const dir = await mkdtemp(path.join(tmpdir(), 'mentora-bench-http-'))
	await chmod(dir, 0o777)
	const port = await freePort()
	const appUrl = `http://127.0.0.1:${port}`
	// Production mode with the local stand-ins, as `npm start` runs: NODE_ENV is its to set.
	const { NODE_ENV: _nodeEnv, ...inherited } = process.env
	const env: Record<string, string | undefined> = {
		...inherited,
		PORT: String(port),
		APP_URL: appUrl,
		EMBEDDED_PG_DIR: path.join(dir, 'pg'),
		EMBEDDED_PG_PORT: String(await freePort()),
		STRIPE_EMULATOR_PORT: String(await freePort()),
	}
	const app = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] })
	let output = ''
	app.stdout!.on('data', (chunk) => (output += chunk))
	try {
		for (let waited = 0; !output.includes('Mentora is ready'); waited += 250) {
			if (app.exitCode !== null || waited > 180_000) throw new Error(`Mentora did not start:\n${output}`)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}
		const targets: [string, string][] = [
			['bare Node http server', `http://127.0.0.1:${barePort}/`],
			[`GET /mentors/${MENTOR}`, `${appUrl}/mentors/${MENTOR}`],
			[`GET /api/v1/mentors/${MENTOR}/slots`, `${appUrl}/api/v1/mentors/${MENTOR}/slots`],
			['GET /mentors', `${appUrl}/mentors`],
			['GET /', `${appUrl}/`],
		]
		// ONLY=slots (a part of a target's name) measures the bare server and the targets it names.
		const only = process.env.ONLY
		const outcomes: Outcome[] = []
		for (const [name, url] of targets) if (!only || url.includes(`${barePort}`) || name.includes(only)) outcomes.push(await load(name, url))
		const ceiling = outcomes[0]!.perSecond
		console.log(`\n${CONNECTIONS} connections, ${DURATION} s each after a 3 s warm-up; ${process.env.WEB_CONCURRENCY ?? 1} web process(es)\n`)
		console.table(
			outcomes.map((o) => ({
				target: o.name,
				'requests/s': Math.round(o.perSecond),
				'p50 (ms)': o.p50,
				'p99 (ms)': o.p99,
				'of bare': `${((o.perSecond / ceiling) * 100).toFixed(2)} %`,
				'non-2xx': o.non2xx,
				errors: o.errors,
			})),
		)
	} finally {
		bare.kill('SIGTERM')
		const exited = new Promise((resolve) => app.once('exit', resolve))
		app.kill('SIGTERM')
		await exited
		await rm(dir, { recursive: true, force: true })
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error)
		process.exit(1)
	},
)
