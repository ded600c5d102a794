/** `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded server when unset. */
import { ensureDatabase, startEmbeddedPostgres } from './embedded'
import { migrateDatabase } from './migrate'
import { getEnv } from '../app/utils/env.server'

const env = getEnv()
if (env.DATABASE_URL) {
	await migrateDatabase(env.DATABASE_URL)
} else {
	const embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT })
	await ensureDatabase(embedded.url('postgres'), 'mentora')
	await migrateDatabase(embedded.url('mentora'))
	await embedded.stop()
}
console.log('[db] migrations applied')
