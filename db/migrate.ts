import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Applies every migration in db/migrations (drizzle-kit generated and hand-written SQL share one
 * journal). Safe to run from several processes at once: an advisory lock serialises them.
 */
export async function migrateDatabase(url: string): Promise<void> {
	const sql = postgres(url, { max: 1, onnotice: () => {} })
	try {
		await sql`select pg_advisory_lock(727274)`
		await migrate(drizzle(sql), { migrationsFolder })
		await sql`select pg_advisory_unlock(727274)`
	} finally {
		await sql.end({ timeout: 5 })
	}
}
