import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../server/free-port'

/**
 * Runs a benchmark against a PostgreSQL of its own: an embedded server on a free port in a
 * temporary folder, with one migrated database that DATABASE_URL names while `body` runs; the
 * app's pool is closed and everything removed afterwards, whatever happened.
 */
export async function withBenchDatabase<T>(body: () => Promise<T>): Promise<T> {
	const dir = await mkdtemp(path.join(tmpdir(), 'mentora-bench-'))
	// The embedded server runs as another user when started by root: it must reach its directory.
	await chmod(dir, 0o777)
	const { startEmbeddedPostgres, ensureDatabase } = await import('../db/embedded')
	const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() })
	try {
		await ensureDatabase(pg.url('postgres'), 'bench')
		process.env.DATABASE_URL = pg.url('bench')
		const { migrateDatabase } = await import('../db/migrate')
		await migrateDatabase(process.env.DATABASE_URL)
		const result = await body()
		const { closeDb } = await import('../db/client')
		await closeDb()
		return result
	} finally {
		await pg.stop()
		await rm(dir, { recursive: true, force: true })
	}
}
